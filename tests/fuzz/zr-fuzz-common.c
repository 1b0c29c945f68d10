/* zr-fuzz-common.c: helpers shared by the fuzz harnesses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zr-fuzz.h"

void
zr_fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_once_init_leave (&done, 1);
    }
}

char *
zr_fuzz_dup_utf8 (const uint8_t *data,
                  size_t         size)
{
  const char *nul = memchr (data, '\0', size);
  gssize len = nul != NULL ? nul - (const char *) data : (gssize) size;

  return g_utf8_make_valid ((const char *) data, len);
}

char *
zr_fuzz_utf8_slice (const char *text,
                    guint       start,
                    guint       end)
{
  glong n = g_utf8_strlen (text, -1);
  const char *from;
  const char *to;

  if (start > end || end > (gulong) n)
    return NULL;
  from = g_utf8_offset_to_pointer (text, start);
  to = g_utf8_offset_to_pointer (from, end - start);
  return g_strndup (from, to - from);
}

ZrRecord *
zr_fuzz_record_from_bytes (const uint8_t *data,
                           size_t         size)
{
  g_autofree char *text = zr_fuzz_dup_utf8 (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  ZrRecord *record = zr_record_new (ZR_RECORD_KIND_ARTICLE);
  int offset = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      int line_chars = g_utf8_strlen (line, -1);

      if (*line == '\0')
        ;
      else if (record->headline == NULL)
        {
          record->headline = g_strdup (line);
          record->headline_offset = offset;
        }
      else if (*line == '#')
        {
          const char *t = line;
          while (*t == '#' || *t == ' ')
            t++;
          if (*t != '\0')
            g_ptr_array_add (record->paragraphs,
                             zr_paragraph_new (ZR_PARAGRAPH_KIND_SUBHEAD, t,
                                               offset + (int) g_utf8_strlen (line, t - line)));
        }
      else if (g_str_has_prefix (line, "图"))
        g_ptr_array_add (record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_CAPTION, line, offset));
      else
        g_ptr_array_add (record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, line, offset));

      offset += line_chars + 1;
    }

  return record;
}
