/* zr-encoding.h: turning the bytes of a page file into UTF-8 text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * zr_text_decode:
 * @data: the file's bytes
 * @len: their length
 * @forced_encoding: (nullable): an encoding the user chose, or %NULL to detect
 * @out_encoding: (out) (transfer full): the encoding used: "UTF-8",
 *   "UTF-8-BOM", "GB18030", "UTF-16LE", "UTF-16BE", or the forced one
 *
 * Detects the encoding (BOM, strict UTF-8, UTF-16 plausibility, GB18030
 * scoring), converts to UTF-8, turns CRLF and CR into LF, drops the BOM,
 * and normalizes to NFC. Refuses binary data, undecodable data and text that
 * is empty or white space only, with a ZR_IMPORT_ERROR that says why.
 *
 * Returns: (transfer full): the UTF-8 text, or %NULL with @error set
 */
char *zr_text_decode (const char  *data,
                      gsize        len,
                      const char  *forced_encoding,
                      char       **out_encoding,
                      GError     **error);

G_END_DECLS
