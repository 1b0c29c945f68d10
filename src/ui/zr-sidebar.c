/* zr-sidebar.c: districts, topics and clippings with their counts
 *
 * A click on a district selects that district (the topic stays, so the
 * two intersect); Ctrl-click adds or removes it (union). Same for topics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zr-classifier.h"
#include "zr-sidebar.h"
#include "zr-stats.h"

typedef enum
{
  ROW_ALL,
  ROW_DISTRICT,
  ROW_TOPIC,
  ROW_CLIPPINGS,
} RowKind;

struct _ZrSidebar
{
  GtkWidget    parent_instance;

  GtkListBox  *list_box;
  GHashTable  *rows;          /* name → GtkListBoxRow (borrowed) */
  GtkWidget   *all_row;
  GtkWidget   *clippings_row;

  GPtrArray   *districts;     /* selected, char* */
  GPtrArray   *topics;
  gboolean     show_clippings;
  GdkModifierType state;
};

G_DEFINE_FINAL_TYPE (ZrSidebar, zr_sidebar, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
add_header (ZrSidebar  *self,
            const char *title)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "sidebar-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_append (self->list_box, row);
  return row;
}

static GtkWidget *
add_row (ZrSidebar  *self,
         RowKind     kind,
         const char *name,
         const char *label_text,
         const char *icon_name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (label_text);
  GtkWidget *count = gtk_label_new ("");

  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (kind == ROW_DISTRICT || kind == ROW_TOPIC)
    gtk_widget_set_margin_start (box, 8);

  g_object_set_data (G_OBJECT (row), "kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (row), "name", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (row), "count-label", count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label_text,
                                  -1);
  gtk_list_box_append (self->list_box, row);
  if (name != NULL)
    g_hash_table_insert (self->rows, g_strdup (name), row);
  return row;
}

static gboolean
ptr_array_has_str (GPtrArray  *array,
                   const char *str,
                   guint      *index)
{
  return g_ptr_array_find_with_equal_func (array, str, g_str_equal, index);
}

static void
set_row_selected (GtkWidget *row,
                  gboolean   selected)
{
  if (selected)
    gtk_widget_set_state_flags (row, GTK_STATE_FLAG_SELECTED, FALSE);
  else
    gtk_widget_unset_state_flags (row, GTK_STATE_FLAG_SELECTED);
}

static void
update_selection (ZrSidebar *self)
{
  GHashTableIter iter;
  gpointer key, value;
  gboolean any = self->districts->len > 0 || self->topics->len > 0;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RowKind kind = GPOINTER_TO_INT (g_object_get_data (value, "kind"));
      gboolean sel = FALSE;

      if (!self->show_clippings)
        {
          if (kind == ROW_DISTRICT)
            sel = ptr_array_has_str (self->districts, key, NULL);
          else if (kind == ROW_TOPIC)
            sel = ptr_array_has_str (self->topics, key, NULL);
        }
      set_row_selected (value, sel);
    }
  set_row_selected (self->all_row, !self->show_clippings && !any);
  set_row_selected (self->clippings_row, self->show_clippings);
}

static void
toggle_in (GPtrArray  *array,
           const char *name,
           gboolean    add)
{
  guint index;
  gboolean had = ptr_array_has_str (array, name, &index);

  if (add)
    {
      if (had)
        g_ptr_array_remove_index (array, index);
      else
        g_ptr_array_add (array, g_strdup (name));
    }
  else
    {
      g_ptr_array_set_size (array, 0);
      g_ptr_array_add (array, g_strdup (name));
    }
}

static void
activate_row (ZrSidebar *self,
              GtkWidget *row,
              gboolean   add)
{
  RowKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind"));
  const char *name = g_object_get_data (G_OBJECT (row), "name");

  switch (kind)
    {
    case ROW_ALL:
      g_ptr_array_set_size (self->districts, 0);
      g_ptr_array_set_size (self->topics, 0);
      self->show_clippings = FALSE;
      break;
    case ROW_DISTRICT:
      self->show_clippings = FALSE;
      toggle_in (self->districts, name, add);
      break;
    case ROW_TOPIC:
      self->show_clippings = FALSE;
      toggle_in (self->topics, name, add);
      break;
    case ROW_CLIPPINGS:
      self->show_clippings = TRUE;
      break;
    default:
      g_assert_not_reached ();
    }

  update_selection (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
row_activated_cb (ZrSidebar     *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list_box)
{
  gboolean add = (self->state & GDK_CONTROL_MASK) != 0;

  self->state = 0;
  activate_row (self, GTK_WIDGET (row), add);
}

static void
record_state (ZrSidebar          *self,
              GtkEventController *controller)
{
  self->state = gtk_event_controller_get_current_event_state (controller);
}

static void
click_pressed_cb (ZrSidebar       *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  record_state (self, GTK_EVENT_CONTROLLER (gesture));
}

static gboolean
key_pressed_cb (ZrSidebar             *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  self->state = state;
  return FALSE;
}

static void
zr_sidebar_dispose (GObject *object)
{
  ZrSidebar *self = (ZrSidebar *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ZR_TYPE_SIDEBAR);
  /* The template's top child has no id: unparent it ourselves */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (zr_sidebar_parent_class)->dispose (object);
}

static void
zr_sidebar_finalize (GObject *object)
{
  ZrSidebar *self = (ZrSidebar *) object;

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);

  G_OBJECT_CLASS (zr_sidebar_parent_class)->finalize (object);
}

static void
zr_sidebar_class_init (ZrSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = zr_sidebar_dispose;
  object_class->finalize = zr_sidebar_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/zhuzhou/Reader/zr-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, ZrSidebar, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "zrsidebar");
}

static void
zr_sidebar_init (ZrSidebar *self)
{
  const char * const *districts = zr_classifier_list_districts ();
  const char * const *topics = zr_classifier_list_topics ();
  GtkGesture *click;
  GtkEventController *key;

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->districts = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->topics = g_ptr_array_new_null_terminated (4, g_free, TRUE);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->all_row = add_row (self, ROW_ALL, NULL, _("All Articles"), "view-list-symbolic");
  add_header (self, _("Districts"));
  for (guint i = 0; districts[i] != NULL; i++)
    add_row (self, ROW_DISTRICT, districts[i], districts[i], NULL);
  add_header (self, _("Topics"));
  for (guint i = 0; topics[i] != NULL; i++)
    add_row (self, ROW_TOPIC, topics[i], topics[i], NULL);
  add_header (self, _("Saved"));
  self->clippings_row = add_row (self, ROW_CLIPPINGS, NULL, _("Clippings"), "starred-symbolic");

  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (click_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), GTK_EVENT_CONTROLLER (click));

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), key);

  update_selection (self);
}

GStrv
zr_sidebar_dup_districts (ZrSidebar *self)
{
  g_return_val_if_fail (ZR_IS_SIDEBAR (self), NULL);
  return g_strdupv ((char **) self->districts->pdata);
}

GStrv
zr_sidebar_dup_topics (ZrSidebar *self)
{
  g_return_val_if_fail (ZR_IS_SIDEBAR (self), NULL);
  return g_strdupv ((char **) self->topics->pdata);
}

gboolean
zr_sidebar_get_show_clippings (ZrSidebar *self)
{
  g_return_val_if_fail (ZR_IS_SIDEBAR (self), FALSE);
  return self->show_clippings;
}

static gboolean
select_named (ZrSidebar  *self,
              RowKind     kind,
              const char *name,
              gboolean    add)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, name);

  if (row == NULL || GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "kind")) != (int) kind)
    return FALSE;
  activate_row (self, row, add);
  return TRUE;
}

gboolean
zr_sidebar_select_district (ZrSidebar  *self,
                            const char *name,
                            gboolean    add)
{
  g_return_val_if_fail (ZR_IS_SIDEBAR (self), FALSE);
  return select_named (self, ROW_DISTRICT, name, add);
}

gboolean
zr_sidebar_select_topic (ZrSidebar  *self,
                         const char *name,
                         gboolean    add)
{
  g_return_val_if_fail (ZR_IS_SIDEBAR (self), FALSE);
  return select_named (self, ROW_TOPIC, name, add);
}

void
zr_sidebar_select_all (ZrSidebar *self)
{
  g_return_if_fail (ZR_IS_SIDEBAR (self));
  activate_row (self, self->all_row, FALSE);
}

void
zr_sidebar_select_clippings (ZrSidebar *self)
{
  g_return_if_fail (ZR_IS_SIDEBAR (self));
  activate_row (self, self->clippings_row, FALSE);
}

static void
set_count (GtkWidget *row,
           guint      count)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "count-label");
  g_autofree char *text = g_strdup_printf ("%u", count);

  g_object_set_data (G_OBJECT (row), "count", GUINT_TO_POINTER (count));
  gtk_label_set_text (label, text);
}

static void
set_facets (ZrSidebar *self,
            GPtrArray *facets)
{
  if (facets == NULL)
    return;
  for (guint i = 0; i < facets->len; i++)
    {
      const ZrFacet *f = g_ptr_array_index (facets, i);
      GtkWidget *row = g_hash_table_lookup (self->rows, f->name);
      if (row != NULL)
        set_count (row, f->count);
    }
}

void
zr_sidebar_set_counts (ZrSidebar *self,
                       guint      total,
                       GPtrArray *by_district,
                       GPtrArray *by_topic,
                       guint      clippings)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (ZR_IS_SIDEBAR (self));

  /* Names the core did not report count zero */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    set_count (value, 0);

  set_count (self->all_row, total);
  set_facets (self, by_district);
  set_facets (self, by_topic);
  set_count (self->clippings_row, clippings);
}

/* the count a row shows (set by set_count) */
static guint
row_count (GtkWidget *row)
{
  return row != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "count")) : 0;
}

guint
zr_sidebar_get_count (ZrSidebar  *self,
                      const char *name)
{
  GtkWidget *row;

  g_return_val_if_fail (ZR_IS_SIDEBAR (self), 0);

  row = name ? g_hash_table_lookup (self->rows, name) : self->all_row;
  return row_count (row);
}

guint
zr_sidebar_get_clippings_count (ZrSidebar *self)
{
  g_return_val_if_fail (ZR_IS_SIDEBAR (self), 0);
  return row_count (self->clippings_row);
}
