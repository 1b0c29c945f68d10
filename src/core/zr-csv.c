/* zr-csv.c: CSV fields as RFC 4180 writes them
 *
 * The one CSV quoting of the app: clippings export and the statistics
 * copied as CSV both write their fields here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "zr-csv.h"

/**
 * zr_csv_append_field:
 * @out: the CSV text so far
 * @value: (nullable): the field; %NULL is an empty field
 *
 * Appends @value as one field: as it is, or between double quotes (with
 * its own double quotes doubled) when it holds a comma, a double quote or
 * a line end.
 */
void
zr_csv_append_field (GString    *out,
                     const char *value)
{
  g_return_if_fail (out != NULL);

  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
