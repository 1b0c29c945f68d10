/* zr-bar-chart.c: a horizontal bar chart drawn with GtkSnapshot
 *
 * One row per bar: the label on the left (ellipsized when long), the bar,
 * then its value. Colours come from the current style (the text colour
 * and the theme's accent), so the dark style needs nothing more. A click
 * on a row, or Enter / space on the bar with the keyboard focus (Up, Down,
 * Home, End move it), emits "bar-activated" with the bar's label. The
 * accessible description lists the bars as text.
 *
 * Export renders the same drawing (with the title, on the window's
 * background) to a GskRenderNode and draws that with cairo into a PNG or
 * an SVG file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "zr-bar-chart.h"
#include "zr-stats.h"

#define ROW_GAP      6   /* between rows */
#define LABEL_GAP    8   /* label column to bar */
#define VALUE_GAP    6   /* bar end to value */
#define PAD          2   /* around the rows, room for the focus ring */
#define EXPORT_PAD   16
#define EXPORT_WIDTH 360

typedef struct
{
  char  *label;
  guint  value;
} Bar;

struct _ZrBarChart
{
  GtkWidget   parent_instance;

  GArray     *bars;      /* Bar */
  GStrv       selected;
  char       *title;
  int         focus_bar;
  int         hover_bar;
};

G_DEFINE_FINAL_TYPE (ZrBarChart, zr_bar_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

enum {
  BAR_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
}

/* Colours */

typedef struct
{
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA accent;
  GdkRGBA bg;
} Colors;

static void
get_colors (ZrBarChart *self,
            Colors     *colors)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, &colors->fg);
  colors->dim = colors->fg;
  colors->dim.alpha *= 0.7;
  /* GTK 4.8's Adwaita names the accent accent_bg_color; older themes only
   * have the selection colour */
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &colors->accent) &&
      !gtk_style_context_lookup_color (context, "theme_selected_bg_color", &colors->accent))
    {
      colors->accent = colors->fg;
      colors->accent.alpha *= 0.5;
    }
  if (!gtk_style_context_lookup_color (context, "theme_bg_color", &colors->bg))
    colors->bg = (GdkRGBA) { 1, 1, 1, 1 };
  /* Printed charts need an opaque page */
  colors->bg.alpha = 1;
}

/* Geometry */

typedef struct
{
  int row_height;
  int label_width;
  int value_width;
} Metrics;

static PangoLayout *
make_layout (ZrBarChart *self,
             const char *text)
{
  return gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
}

static void
get_metrics (ZrBarChart *self,
             int         width,
             Metrics    *m)
{
  int max_label = 0, max_value = 0;
  g_autoptr(PangoLayout) probe = make_layout (self, "株9");
  int h;

  pango_layout_get_pixel_size (probe, NULL, &h);
  m->row_height = h;

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr(PangoLayout) label = make_layout (self, bar->label);
      g_autofree char *number = g_strdup_printf ("%u", bar->value);
      g_autoptr(PangoLayout) value = make_layout (self, number);
      int w;

      pango_layout_get_pixel_size (label, &w, NULL);
      max_label = MAX (max_label, w);
      pango_layout_get_pixel_size (value, &w, NULL);
      max_value = MAX (max_value, w);
    }

  /* The label column takes at most 40% of the width */
  m->label_width = width > 0 ? MIN (max_label, (int) (width * 0.4)) : max_label;
  m->value_width = max_value;
}

static int
content_height (ZrBarChart *self,
                int         row_height)
{
  guint n = MAX (self->bars->len, 1);

  return 2 * PAD + n * row_height + (n - 1) * ROW_GAP;
}

static gboolean
is_selected (ZrBarChart *self,
             const char *label)
{
  return self->selected != NULL && g_strv_contains ((const char * const *) self->selected, label);
}

/* Draws the rows in a @width wide box at the snapshot's origin */
static void
draw_rows (ZrBarChart  *self,
           GtkSnapshot *snapshot,
           int          width,
           gboolean     interactive)
{
  Colors c;
  Metrics m;
  guint max = 0;
  int bar_area;
  gboolean any_selected = FALSE;

  get_colors (self, &c);
  get_metrics (self, width - 2 * PAD, &m);

  if (self->bars->len == 0)
    {
      g_autoptr(PangoLayout) empty = make_layout (self, _("No articles"));

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PAD, PAD));
      gtk_snapshot_append_layout (snapshot, empty, &c.dim);
      gtk_snapshot_restore (snapshot);
      return;
    }

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      max = MAX (max, bar->value);
      any_selected |= is_selected (self, bar->label);
    }

  bar_area = width - 2 * PAD - m.label_width - LABEL_GAP - VALUE_GAP - m.value_width;
  bar_area = MAX (bar_area, 4);

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      int y = PAD + i * (m.row_height + ROW_GAP);
      int bar_x = PAD + m.label_width + LABEL_GAP;
      int bar_len = max > 0 ? (int) ((double) bar->value / max * bar_area + 0.5) : 0;
      int bar_h = MAX (m.row_height * 7 / 10, 6);
      gboolean chosen = is_selected (self, bar->label);
      g_autoptr(PangoLayout) label = make_layout (self, bar->label);
      g_autofree char *number = g_strdup_printf ("%u", bar->value);
      g_autoptr(PangoLayout) value = make_layout (self, number);
      GdkRGBA bar_color = c.accent;
      GskRoundedRect rounded;

      if (bar->value > 0)
        bar_len = MAX (bar_len, 2);

      /* Hover and the row of the filter stand out; the others step back
       * when a filter is on */
      if (any_selected && !chosen)
        bar_color.alpha *= 0.4;

      /* The row under the pointer gets a faint band */
      if (interactive && (int) i == self->hover_bar)
        {
          GdkRGBA band = c.fg;

          band.alpha *= 0.07;
          gsk_rounded_rect_init_from_rect (&rounded,
                                           &GRAPHENE_RECT_INIT (0, y - ROW_GAP / 2 + 1, width,
                                                                m.row_height + ROW_GAP - 2), 4);
          gtk_snapshot_push_rounded_clip (snapshot, &rounded);
          gtk_snapshot_append_color (snapshot, &band, &rounded.bounds);
          gtk_snapshot_pop (snapshot);
        }

      if (interactive && (int) i == self->focus_bar && gtk_widget_has_visible_focus (GTK_WIDGET (self)))
        {
          const float w[4] = { 1, 1, 1, 1 };
          const GdkRGBA ring[4] = { c.accent, c.accent, c.accent, c.accent };

          gsk_rounded_rect_init_from_rect (&rounded,
                                           &GRAPHENE_RECT_INIT (0, y - ROW_GAP / 2 + 1, width,
                                                                m.row_height + ROW_GAP - 2), 4);
          gtk_snapshot_append_border (snapshot, &rounded, w, ring);
        }

      /* Label, ellipsized to its column */
      pango_layout_set_width (label, m.label_width * PANGO_SCALE);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      if (chosen)
        {
          PangoAttrList *attrs = pango_attr_list_new ();
          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          pango_layout_set_attributes (label, attrs);
          pango_attr_list_unref (attrs);
        }
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PAD, y));
      gtk_snapshot_append_layout (snapshot, label, &c.fg);
      gtk_snapshot_restore (snapshot);

      /* Bar, rounded at its end */
      if (bar_len > 0)
        {
          gsk_rounded_rect_init_from_rect (&rounded,
                                           &GRAPHENE_RECT_INIT (bar_x, y + (m.row_height - bar_h) / 2.0,
                                                                bar_len, bar_h),
                                           MIN (3, bar_len / 2.0));
          gtk_snapshot_push_rounded_clip (snapshot, &rounded);
          gtk_snapshot_append_color (snapshot, &bar_color, &rounded.bounds);
          gtk_snapshot_pop (snapshot);
        }

      /* Value */
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (bar_x + bar_len + VALUE_GAP, y));
      gtk_snapshot_append_layout (snapshot, value, chosen ? &c.fg : &c.dim);
      gtk_snapshot_restore (snapshot);
    }
}

/* GtkWidget */

static void
zr_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  draw_rows (ZR_BAR_CHART (widget), snapshot, gtk_widget_get_width (widget), TRUE);
}

static void
zr_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  ZrBarChart *self = ZR_BAR_CHART (widget);
  Metrics m;

  get_metrics (self, -1, &m);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = content_height (self, m.row_height);
  else
    {
      *minimum = 120;
      *natural = MAX (*minimum, 2 * PAD + m.label_width + LABEL_GAP + 120 + VALUE_GAP + m.value_width);
    }
}

static void
zr_bar_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (zr_bar_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_resize (widget);
}

static void
zr_bar_chart_state_flags_changed (GtkWidget     *widget,
                                  GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (zr_bar_chart_parent_class)->state_flags_changed (widget, previous);
  gtk_widget_queue_draw (widget);
}

int
zr_bar_chart_get_bar_at (ZrBarChart *self,
                         double      y)
{
  Metrics m;
  int index;

  g_return_val_if_fail (ZR_IS_BAR_CHART (self), -1);

  get_metrics (self, gtk_widget_get_width (GTK_WIDGET (self)), &m);
  if (y < PAD - ROW_GAP / 2.0)
    return -1;
  index = (int) ((y - PAD + ROW_GAP / 2.0) / (m.row_height + ROW_GAP));
  if (index < 0 || index >= (int) self->bars->len)
    return -1;
  return index;
}

static void
click_pressed_cb (ZrBarChart      *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  int index = zr_bar_chart_get_bar_at (self, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (index >= 0)
    zr_bar_chart_set_focus_bar (self, index);
}

static void
click_released_cb (ZrBarChart      *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  int index = zr_bar_chart_get_bar_at (self, y);

  if (n_press == 1 && index >= 0)
    zr_bar_chart_activate_bar (self, index);
}

static void
motion_cb (ZrBarChart               *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  int index = zr_bar_chart_get_bar_at (self, y);

  if (index != self->hover_bar)
    {
      self->hover_bar = index;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (ZrBarChart *self)
{
  if (self->hover_bar != -1)
    {
      self->hover_bar = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
key_pressed_cb (ZrBarChart            *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  int n = self->bars->len;

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->focus_bar <= 0)
        return FALSE;   /* let focus move on to the previous widget */
      zr_bar_chart_set_focus_bar (self, self->focus_bar - 1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->focus_bar >= n - 1)
        return FALSE;   /* let focus move on to the next widget */
      zr_bar_chart_set_focus_bar (self, self->focus_bar + 1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      zr_bar_chart_set_focus_bar (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      zr_bar_chart_set_focus_bar (self, n - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      zr_bar_chart_activate_bar (self, MAX (self->focus_bar, 0));
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
query_tooltip_cb (ZrBarChart *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  int index = keyboard ? self->focus_bar : zr_bar_chart_get_bar_at (self, y);
  const Bar *bar;
  g_autofree char *text = NULL;

  if (index < 0 || index >= (int) self->bars->len)
    return FALSE;
  bar = &g_array_index (self->bars, Bar, index);
  /* Translators: tooltip of a bar: the name and the number of articles */
  text = g_strdup_printf (ngettext ("%s: %u article", "%s: %u articles", bar->value), bar->label, bar->value);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Accessibility */

char *
zr_bar_chart_dup_description (ZrBarChart *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (ZR_IS_BAR_CHART (self), NULL);

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s %u", bar->label, bar->value);
    }
  if (self->bars->len == 0)
    g_string_append (text, _("No articles"));
  return g_string_free (text, FALSE);
}

static void
update_accessible (ZrBarChart *self)
{
  g_autofree char *description = zr_bar_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* API */

void
zr_bar_chart_set_facets (ZrBarChart *self,
                         GPtrArray  *facets)
{
  g_return_if_fail (ZR_IS_BAR_CHART (self));

  g_array_set_size (self->bars, 0);
  for (guint i = 0; facets != NULL && i < facets->len; i++)
    {
      const ZrFacet *f = g_ptr_array_index (facets, i);
      Bar bar;

      if (f->count == 0)
        continue;
      bar.label = g_strdup (f->name);
      bar.value = f->count;
      g_array_append_val (self->bars, bar);
    }

  if (self->focus_bar >= (int) self->bars->len)
    self->focus_bar = self->bars->len > 0 ? (int) self->bars->len - 1 : -1;
  if (self->focus_bar < 0 && self->bars->len > 0)
    self->focus_bar = 0;
  self->hover_bar = -1;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->bars->len > 0 ? "pointer" : NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), self->bars->len > 0);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
zr_bar_chart_set_selected (ZrBarChart         *self,
                           const char * const *names)
{
  g_return_if_fail (ZR_IS_BAR_CHART (self));

  g_strfreev (self->selected);
  self->selected = g_strdupv ((char **) names);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
zr_bar_chart_set_title (ZrBarChart *self,
                        const char *title)
{
  g_return_if_fail (ZR_IS_BAR_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
zr_bar_chart_get_title (ZrBarChart *self)
{
  g_return_val_if_fail (ZR_IS_BAR_CHART (self), NULL);
  return self->title;
}

guint
zr_bar_chart_get_n_bars (ZrBarChart *self)
{
  g_return_val_if_fail (ZR_IS_BAR_CHART (self), 0);
  return self->bars->len;
}

const char *
zr_bar_chart_get_label (ZrBarChart *self,
                        guint       index)
{
  g_return_val_if_fail (ZR_IS_BAR_CHART (self), NULL);
  g_return_val_if_fail (index < self->bars->len, NULL);
  return g_array_index (self->bars, Bar, index).label;
}

guint
zr_bar_chart_get_value (ZrBarChart *self,
                        guint       index)
{
  g_return_val_if_fail (ZR_IS_BAR_CHART (self), 0);
  g_return_val_if_fail (index < self->bars->len, 0);
  return g_array_index (self->bars, Bar, index).value;
}

int
zr_bar_chart_get_focus_bar (ZrBarChart *self)
{
  g_return_val_if_fail (ZR_IS_BAR_CHART (self), -1);
  return self->focus_bar;
}

void
zr_bar_chart_set_focus_bar (ZrBarChart *self,
                            int         index)
{
  g_return_if_fail (ZR_IS_BAR_CHART (self));

  index = CLAMP (index, -1, (int) self->bars->len - 1);
  if (index == self->focus_bar)
    return;
  self->focus_bar = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
zr_bar_chart_activate_bar (ZrBarChart *self,
                           guint       index)
{
  g_autofree char *label = NULL;

  g_return_if_fail (ZR_IS_BAR_CHART (self));

  if (index >= self->bars->len)
    return;
  self->focus_bar = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* A handler may replace the bars: emit a copy */
  label = g_strdup (g_array_index (self->bars, Bar, index).label);
  g_signal_emit (self, signals[BAR_ACTIVATED], 0, label);
}

/* Export */

GskRenderNode *
zr_bar_chart_render (ZrBarChart *self,
                     int        *out_width,
                     int        *out_height)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(PangoLayout) title = NULL;
  Colors c;
  Metrics m;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height, title_h = 0;

  g_return_val_if_fail (ZR_IS_BAR_CHART (self), NULL);

  if (width <= 0)
    width = EXPORT_WIDTH;
  get_colors (self, &c);
  get_metrics (self, width - 2 * PAD, &m);

  if (self->title != NULL && *self->title != '\0')
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      title = make_layout (self, self->title);
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_scale_new (1.2));
      pango_layout_set_attributes (title, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_width (title, width * PANGO_SCALE);
      pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (title, NULL, &title_h);
      title_h += 10;
    }

  height = EXPORT_PAD + title_h + content_height (self, m.row_height) + EXPORT_PAD;
  gtk_snapshot_append_color (snapshot, &c.bg,
                             &GRAPHENE_RECT_INIT (0, 0, width + 2 * EXPORT_PAD, height));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (EXPORT_PAD, EXPORT_PAD));
  if (title != NULL)
    gtk_snapshot_append_layout (snapshot, title, &c.fg);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, title_h));
  draw_rows (self, snapshot, width, FALSE);

  if (out_width != NULL)
    *out_width = width + 2 * EXPORT_PAD;
  if (out_height != NULL)
    *out_height = height;
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

static gboolean
check_cairo (cairo_status_t   status,
             const char      *path,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
  return FALSE;
}

static void
draw_node (GskRenderNode   *node,
           cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);

  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
}

gboolean
zr_bar_chart_save_png (ZrBarChart  *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  int width, height;

  g_return_val_if_fail (ZR_IS_BAR_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  node = zr_bar_chart_render (self, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  draw_node (node, surface);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  return check_cairo (status, path, error);
}

gboolean
zr_bar_chart_save_svg (ZrBarChart  *self,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  int width, height;

  g_return_val_if_fail (ZR_IS_BAR_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  node = zr_bar_chart_render (self, &width, &height);
  surface = cairo_svg_surface_create (path, width, height);
  draw_node (node, surface);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_cairo (status, path, error);
}

/* GObject */

static void
zr_bar_chart_finalize (GObject *object)
{
  ZrBarChart *self = ZR_BAR_CHART (object);

  g_array_unref (self->bars);
  g_strfreev (self->selected);
  g_free (self->title);

  G_OBJECT_CLASS (zr_bar_chart_parent_class)->finalize (object);
}

static void
zr_bar_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ZrBarChart *self = ZR_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zr_bar_chart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ZrBarChart *self = ZR_BAR_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      zr_bar_chart_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
zr_bar_chart_class_init (ZrBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = zr_bar_chart_finalize;
  object_class->get_property = zr_bar_chart_get_property;
  object_class->set_property = zr_bar_chart_set_property;
  widget_class->snapshot = zr_bar_chart_snapshot;
  widget_class->measure = zr_bar_chart_measure;
  widget_class->css_changed = zr_bar_chart_css_changed;
  widget_class->state_flags_changed = zr_bar_chart_state_flags_changed;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ZrBarChart::bar-activated:
   * @label: the bar's label
   *
   * A bar was clicked, or activated with Enter or space.
   */
  signals[BAR_ACTIVATED] =
    g_signal_new ("bar-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "zrbarchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
zr_bar_chart_init (ZrBarChart *self)
{
  GtkGesture *click;
  GtkEventController *motion, *key;

  self->bars = g_array_new (FALSE, FALSE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  self->focus_bar = -1;
  self->hover_bar = -1;

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (click_pressed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  update_accessible (self);
}

GtkWidget *
zr_bar_chart_new (void)
{
  return g_object_new (ZR_TYPE_BAR_CHART, NULL);
}
