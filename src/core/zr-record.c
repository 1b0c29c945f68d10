/* zr-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-record.h"

static const char *record_kinds[] = { "article", "notice", "fragment" };
static const char *paragraph_kinds[] = { "body", "subhead", "caption" };

const char *
zr_record_kind_to_string (ZrRecordKind kind)
{
  g_return_val_if_fail (kind <= ZR_RECORD_KIND_FRAGMENT, NULL);
  return record_kinds[kind];
}

gboolean
zr_record_kind_from_string (const char   *str,
                            ZrRecordKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_kinds); i++)
    if (g_strcmp0 (str, record_kinds[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
zr_paragraph_kind_to_string (ZrParagraphKind kind)
{
  g_return_val_if_fail (kind <= ZR_PARAGRAPH_KIND_CAPTION, NULL);
  return paragraph_kinds[kind];
}

gboolean
zr_paragraph_kind_from_string (const char      *str,
                               ZrParagraphKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (paragraph_kinds); i++)
    if (g_strcmp0 (str, paragraph_kinds[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

ZrByline *
zr_byline_new (const char *name,
               const char *role)
{
  ZrByline *b = g_new0 (ZrByline, 1);
  b->name = g_strdup (name);
  b->role = g_strdup (role);
  return b;
}

void
zr_byline_free (ZrByline *byline)
{
  if (byline == NULL)
    return;
  g_free (byline->name);
  g_free (byline->role);
  g_free (byline);
}

ZrParagraph *
zr_paragraph_new (ZrParagraphKind  kind,
                  const char      *text,
                  int              offset)
{
  ZrParagraph *p = g_new0 (ZrParagraph, 1);
  p->kind = kind;
  p->text = g_strdup (text);
  p->offset = offset;
  return p;
}

void
zr_paragraph_free (ZrParagraph *paragraph)
{
  if (paragraph == NULL)
    return;
  g_free (paragraph->text);
  g_free (paragraph);
}

ZrPageMeta *
zr_page_meta_new (const char *text,
                  int         offset)
{
  ZrPageMeta *m = g_new0 (ZrPageMeta, 1);
  m->text = g_strdup (text);
  m->offset = offset;
  return m;
}

void
zr_page_meta_free (ZrPageMeta *meta)
{
  if (meta == NULL)
    return;
  g_free (meta->text);
  g_free (meta);
}

ZrRecord *
zr_record_new (ZrRecordKind kind)
{
  ZrRecord *r = g_new0 (ZrRecord, 1);
  r->kind = kind;
  r->headline_offset = -1;
  r->column_offset = -1;
  r->kicker_offset = -1;
  r->dateline_offset = -1;
  r->byline_offset = -1;
  r->bylines = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_byline_free);
  r->paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_paragraph_free);
  return r;
}

void
zr_record_free (ZrRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->headline);
  g_free (record->column);
  g_free (record->kicker);
  g_free (record->dateline);
  g_free (record->byline_text);
  g_free (record->segmentation);
  g_ptr_array_unref (record->bylines);
  g_ptr_array_unref (record->paragraphs);
  g_free (record);
}

ZrPage *
zr_page_new (void)
{
  ZrPage *p = g_new0 (ZrPage, 1);
  p->records = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_record_free);
  p->meta = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_page_meta_free);
  return p;
}

void
zr_page_free (ZrPage *page)
{
  if (page == NULL)
    return;
  g_ptr_array_unref (page->records);
  g_ptr_array_unref (page->meta);
  g_free (page);
}

typedef struct
{
  int         offset;
  guint       seq;
  const char *text;
} Piece;

static int
piece_compare (gconstpointer a,
               gconstpointer b)
{
  const Piece *pa = a;
  const Piece *pb = b;
  if (pa->offset != pb->offset)
    return pa->offset < pb->offset ? -1 : 1;
  return pa->seq < pb->seq ? -1 : (pa->seq > pb->seq);
}

static void
add_piece (GArray     *pieces,
           const char *text,
           int         offset)
{
  Piece p;
  if (text == NULL || *text == '\0')
    return;
  p.offset = offset < 0 ? G_MAXINT : offset;
  p.seq = pieces->len;
  p.text = text;
  g_array_append_val (pieces, p);
}

static void
add_record_pieces (GArray         *pieces,
                   const ZrRecord *r)
{
  add_piece (pieces, r->column, r->column_offset);
  add_piece (pieces, r->headline, r->headline_offset);
  add_piece (pieces, r->kicker, r->kicker_offset);
  add_piece (pieces, r->dateline, r->dateline_offset);
  add_piece (pieces, r->byline_text, r->byline_offset);
  for (guint i = 0; i < r->paragraphs->len; i++)
    {
      const ZrParagraph *p = g_ptr_array_index (r->paragraphs, i);
      add_piece (pieces, p->text, p->offset);
    }
}

static char *
join_pieces (GArray *pieces)
{
  GString *out = g_string_new (NULL);
  g_array_sort (pieces, piece_compare);
  for (guint i = 0; i < pieces->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, g_array_index (pieces, Piece, i).text);
    }
  return g_string_free (out, FALSE);
}

char *
zr_record_dup_flat_text (const ZrRecord *record)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_return_val_if_fail (record != NULL, NULL);
  add_record_pieces (pieces, record);
  return join_pieces (pieces);
}

char *
zr_record_dup_body_text (const ZrRecord *record)
{
  GString *out = g_string_new (NULL);
  g_return_val_if_fail (record != NULL, NULL);
  for (guint i = 0; i < record->paragraphs->len; i++)
    {
      const ZrParagraph *p = g_ptr_array_index (record->paragraphs, i);
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, p->text);
    }
  return g_string_free (out, FALSE);
}

guint
zr_record_count_chars (const ZrRecord *record)
{
  g_autofree char *flat = zr_record_dup_flat_text (record);
  guint n = 0;
  for (const char *p = flat; *p;)
    {
      guchar b = (guchar) *p;

      if (b < 0x80)
        {
          /* what g_unichar_isspace() says of ASCII */
          if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f')
            n++;
          p++;
        }
      else if (b >= 0xE4 && b <= 0xE9)
        {
          /* U+4000..U+9FFF: Han, never a space */
          n++;
          p = g_utf8_next_char (p);
        }
      else
        {
          if (!g_unichar_isspace (g_utf8_get_char (p)))
            n++;
          p = g_utf8_next_char (p);
        }
    }
  return n;
}

char *
zr_page_dup_flat_text (const ZrPage *page)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_return_val_if_fail (page != NULL, NULL);
  for (guint i = 0; i < page->records->len; i++)
    add_record_pieces (pieces, g_ptr_array_index (page->records, i));
  for (guint i = 0; i < page->meta->len; i++)
    {
      const ZrPageMeta *m = g_ptr_array_index (page->meta, i);
      add_piece (pieces, m->text, m->offset);
    }
  return join_pieces (pieces);
}
