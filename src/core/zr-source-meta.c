/* zr-source-meta.c: page date and page number (版次) from a file name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is read, in the base name without its extension:
 * - dates 2023-03-15, 2023_3_15, 2023.03.15, 20230315 (eight digits that
 *   stand alone: no ASCII letter or digit on either side, so hex hashes such
 *   as 5db4017f926dd8cb never give a date) and 2023年3月15日; only real
 *   calendar days from 1900 to 2099 count;
 * - page numbers 第3版 / 第三版, and a one- or two-digit number 1–99 after a
 *   '_', '-' or space, optionally with one edition letter A–H (_03, -3,
 *   _A03, -A3), ending the name or followed by another separator.
 * A number at the very start of the name (the corpus's 000_, 001_ …) is a
 * running index, not a page number, and is never read as one.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "zr-source-meta.h"

static gboolean
make_date (const char  *y,
           const char  *m,
           const char  *d,
           char       **out)
{
  int year = atoi (y), month = atoi (m), day = atoi (d);
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  *out = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  return TRUE;
}

static int
chinese_number (const char *s)
{
  static const char *digits[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
  int value = 0, current = -1;
  const char *p = s;
  while (*p)
    {
      gboolean found = FALSE;
      if (g_str_has_prefix (p, "十"))
        {
          value += (current <= 0 ? 1 : current) * 10;
          current = 0;
          p += strlen ("十");
          continue;
        }
      for (int i = 0; i < 10; i++)
        if (g_str_has_prefix (p, digits[i]))
          {
            current = i;
            p += strlen (digits[i]);
            found = TRUE;
            break;
          }
      if (!found)
        return -1;
    }
  return value + MAX (current, 0);
}

/* Replaces bytes [start, end) of @s with '#' so that later patterns do
 * not see the date's parts as page numbers. */
static void
blank_out (char *s,
           int   start,
           int   end)
{
  for (int i = start; i < end; i++)
    s[i] = '#';
}

gboolean
zr_source_meta_from_filename (const char  *basename,
                              char       **out_date,
                              int         *out_page)
{
  g_autofree char *name = NULL;
  g_autoptr(GMatchInfo) mi = NULL;
  g_autoptr(GRegex) re_date = NULL;
  g_autoptr(GRegex) re_compact = NULL;
  g_autoptr(GRegex) re_cn_date = NULL;
  g_autoptr(GRegex) re_ban = NULL;
  g_autoptr(GRegex) re_suffix = NULL;
  char *dot;
  int start, end;

  g_return_val_if_fail (out_date != NULL, FALSE);
  g_return_val_if_fail (out_page != NULL, FALSE);
  *out_date = NULL;
  *out_page = -1;
  if (basename == NULL || !g_utf8_validate (basename, -1, NULL))
    return FALSE;

  name = g_path_get_basename (basename);
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name && strlen (dot) <= 5)
    *dot = '\0';

  re_cn_date = g_regex_new ("((?:19|20)\\d\\d)\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日", 0, 0, NULL);
  re_date = g_regex_new ("(?<![A-Za-z0-9])((?:19|20)\\d\\d)[-_.](\\d{1,2})[-_.](\\d{1,2})(?![0-9])", 0, 0, NULL);
  re_compact = g_regex_new ("(?<![A-Za-z0-9])((?:19|20)\\d\\d)(\\d\\d)(\\d\\d)(?![A-Za-z0-9])", 0, 0, NULL);
  re_ban = g_regex_new ("第\\s*(\\d{1,3}|[〇一二三四五六七八九十]{1,3})\\s*版", 0, 0, NULL);
  re_suffix = g_regex_new ("(?<=[-_ ])[A-Ha-h]?(\\d{1,2})(?=$|[-_ .])", 0, 0, NULL);

  {
    GRegex *date_res[] = { re_cn_date, re_date, re_compact };
    for (guint k = 0; k < G_N_ELEMENTS (date_res) && *out_date == NULL; k++)
      {
        g_clear_pointer (&mi, g_match_info_free);
        if (g_regex_match (date_res[k], name, 0, &mi))
          {
            g_autofree char *y = g_match_info_fetch (mi, 1);
            g_autofree char *m = g_match_info_fetch (mi, 2);
            g_autofree char *d = g_match_info_fetch (mi, 3);
            make_date (y, m, d, out_date);
            /* a date-shaped run is never a page number, valid or not */
            if (g_match_info_fetch_pos (mi, 0, &start, &end))
              blank_out (name, start, end);
          }
      }
  }

  g_clear_pointer (&mi, g_match_info_free);
  if (g_regex_match (re_ban, name, 0, &mi))
    {
      g_autofree char *num = g_match_info_fetch (mi, 1);
      int n = g_ascii_isdigit (num[0]) ? atoi (num) : chinese_number (num);
      if (n > 0 && n < 1000)
        *out_page = n;
      if (g_match_info_fetch_pos (mi, 0, &start, &end))
        blank_out (name, start, end);
    }

  if (*out_page < 0)
    {
      g_clear_pointer (&mi, g_match_info_free);
      if (g_regex_match (re_suffix, name, 0, &mi))
        {
          g_autofree char *num = g_match_info_fetch (mi, 1);
          int n = atoi (num);
          if (n > 0)
            *out_page = n;
        }
    }

  return *out_date != NULL || *out_page >= 0;
}
