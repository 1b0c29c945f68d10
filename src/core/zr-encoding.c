/* zr-encoding.c: detecting the encoding of a page file and decoding it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "zr-encoding.h"
#include "zr-error.h"

typedef struct
{
  const char *magic;
  gsize       len;
  gsize       at;
  const char *what;
} Magic;

/* Translatable descriptions of well-known binary formats */
static const Magic magics[] = {
  { "\x89PNG\r\n\x1a\n", 8, 0, N_("a PNG image") },
  { "\xff\xd8\xff", 3, 0, N_("a JPEG image") },
  { "GIF87a", 6, 0, N_("a GIF image") },
  { "GIF89a", 6, 0, N_("a GIF image") },
  { "%PDF-", 5, 0, N_("a PDF document") },
  { "PK\x03\x04", 4, 0, N_("a ZIP archive or office document") },
  { "PK\x05\x06", 4, 0, N_("a ZIP archive") },
  { "\x7f" "ELF", 4, 0, N_("an executable program") },
  { "\x1f\x8b", 2, 0, N_("a gzip archive") },
  { "BZh", 3, 0, N_("a bzip2 archive") },
  { "\xfd" "7zXZ", 5, 0, N_("an xz archive") },
  { "7z\xbc\xaf\x27\x1c", 6, 0, N_("a 7-Zip archive") },
  { "Rar!\x1a\x07", 6, 0, N_("a RAR archive") },
  { "SQLite format 3", 16, 0, N_("an SQLite database") },
  { "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, 0, N_("an old Microsoft Office document") },
  { "ID3", 3, 0, N_("an MP3 audio file") },
  { "OggS", 4, 0, N_("an Ogg media file") },
  { "ftyp", 4, 4, N_("an MP4 video or HEIF image") },
  { "WEBP", 4, 8, N_("a WebP image") },
  { "\x00" "asm", 4, 0, N_("a WebAssembly module") },
  { "II*\x00", 4, 0, N_("a TIFF image") },
  { "MM\x00*", 4, 0, N_("a TIFF image") },
  { "{\\rtf", 5, 0, N_("an RTF document") },
};

static gboolean
set_binary_error (GError     **error,
                  const char  *what)
{
  /* Translators: %s is e.g. "a PNG image" */
  g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_BINARY,
               _("The file looks like %s, not a text page"), what);
  return FALSE;
}

static gboolean
check_magic (const guchar  *data,
             gsize          len,
             GError       **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    {
      const Magic *m = &magics[i];
      if (len >= m->at + m->len && memcmp (data + m->at, m->magic, m->len) == 0)
        return set_binary_error (error, _(m->what));
    }
  /* Windows executables: "MZ" followed by binary junk */
  if (len >= 64 && data[0] == 'M' && data[1] == 'Z' && memchr (data, 0, 64) != NULL)
    return set_binary_error (error, _("a Windows program"));
  return TRUE;
}

/* Whether the bytes look like UTF-16 without a BOM: many NUL bytes, nearly
 * all on one parity. Returns 0 if not, 1 for little endian, 2 for big. */
static int
guess_utf16 (const guchar *data,
             gsize         len)
{
  gsize sample = MIN (len, (gsize) 1 << 20) & ~(gsize) 1;
  gsize even = 0, odd = 0;

  if (len < 4 || len % 2 != 0)
    return 0;
  for (gsize i = 0; i < sample; i += 2)
    {
      if (data[i] == 0)
        even++;
      if (data[i + 1] == 0)
        odd++;
    }
  /* ASCII text (digits, line ends, spaces) is common even in Chinese
   * pages; require at least 3% of the code units to carry a NUL and at
   * nearly all (8 in 9) of the NULs on one side. */
  if (odd >= sample / 2 / 33 + 1 && even * 8 <= odd)
    return 1;
  if (even >= sample / 2 / 33 + 1 && odd * 8 <= even)
    return 2;
  return 0;
}

/* The share (0–1000) of double-byte GB codes that are common characters:
 * level-1 hanzi of GB2312 (lead byte B0–D7) or the punctuation rows
 * (A1–A3). Random bytes and other legacy encodings score low. Returns -1
 * when there are too few double-byte codes to tell. */
static int
gb_score (const guchar *data,
          gsize         len)
{
  gsize common = 0, total = 0;
  gsize i = 0;

  while (i < len)
    {
      guchar c = data[i];
      if (c < 0x80)
        {
          i++;
          continue;
        }
      if (c == 0x80 || c == 0xff || i + 1 >= len)
        return 0;
      if (data[i + 1] >= 0x30 && data[i + 1] <= 0x39)
        {
          /* four-byte sequence */
          total++;
          i += 4;
          continue;
        }
      total++;
      if (data[i + 1] >= 0xa1 && data[i + 1] <= 0xfe &&
          ((c >= 0xb0 && c <= 0xd7) || (c >= 0xa1 && c <= 0xa3)))
        common++;
      i += 2;
    }
  if (total == 0)
    return -1;
  return (int) (common * 1000 / total);
}

/* Characters that NFC may change but must be kept as printed: the CJK
 * compatibility ideographs (NFC would replace them with unified ones). */
static inline gboolean
is_cjk_compat (gunichar c)
{
  return (c >= 0xf900 && c <= 0xfaff) || (c >= 0x2f800 && c <= 0x2fa1f);
}

/* Characters that NFC never changes and that never combine with a
 * neighbour: the fast path copies lines made only of these. */
static inline gboolean
is_nfc_safe (gunichar c)
{
  return c < 0x300 ||
         (c >= 0x2010 && c <= 0x2027) ||
         (c >= 0x2030 && c <= 0x205e) ||
         (c >= 0x3000 && c <= 0x3029) ||
         (c >= 0x3030 && c <= 0x303f) ||
         (c >= 0x30a1 && c <= 0x30fa) ||
         (c >= 0x4e00 && c <= 0x9fff) ||
         (c >= 0xff01 && c <= 0xffef);
}

/* Normalizes one line (no '\n' inside) to NFC into @out, keeping CJK
 * compatibility ideographs and leaving lines with very long runs of
 * combining marks alone (the canonical reordering would be quadratic). */
static void
append_nfc_line (GString    *out,
                 const char *line,
                 gsize       len)
{
  const char *p = line;
  const char *end = line + len;
  gboolean safe = TRUE;
  guint run = 0, max_run = 0;

  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c;
      guchar b = (guchar) *p;

      /* ASCII and U+5000..U+9FFF: safe, combining class 0 */
      if (b < 0x80 || (b >= 0xE5 && b <= 0xE9))
        {
          run = 0;
          continue;
        }
      c = g_utf8_get_char (p);
      if (!is_nfc_safe (c))
        safe = FALSE;
      if (c >= 0x300 && g_unichar_combining_class (c) != 0)
        run++;
      else
        run = 0;
      max_run = MAX (max_run, run);
    }
  if (safe || max_run > 32)
    {
      g_string_append_len (out, line, len);
      return;
    }

  /* g_utf8_normalize() is quadratic on long inputs (it moves the rest of
   * the buffer at each composition), so work in chunks cut just before a
   * character that never combines with what precedes it. */
  p = line;
  while (p < end)
    {
      const char *q = p;
      while (q < end)
        {
          gunichar c = g_utf8_get_char (q);
          if (is_cjk_compat (c))
            break;
          if (q - p >= 1024 && is_nfc_safe (c))
            break;
          q = g_utf8_next_char (q);
          if (q - p >= 65536)
            break;
        }
      if (q > p)
        {
          g_autofree char *n = NULL;
          if (q - p < 65536)
            n = g_utf8_normalize (p, q - p, G_NORMALIZE_NFC);
          if (n != NULL)
            g_string_append (out, n);
          else
            g_string_append_len (out, p, q - p);
        }
      if (q < end && is_cjk_compat (g_utf8_get_char (q)))
        {
          const char *r = g_utf8_next_char (q);
          g_string_append_len (out, q, r - q);
          q = r;
        }
      p = q;
    }
}

/* UTF-8 in → final text: CRLF/CR → LF, leading BOM dropped, NFC. Also
 * checks for NUL and control characters. */
static char *
finish_text (const char  *utf8,
             gsize        len,
             GError     **error)
{
  g_autoptr(GString) out = NULL;
  const char *p = utf8;
  const char *end = utf8 + len;
  gsize controls = 0, chars = 0;
  gboolean blank = TRUE;

  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  for (const char *q = p; q < end; q++)
    {
      guchar c = (guchar) *q;
      if (c == 0)
        {
          set_binary_error (error, _("a binary file (it contains NUL bytes)"));
          return NULL;
        }
      if ((c & 0xc0) != 0x80)
        chars++;
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1a)
        controls++;
      else if (c == 0x7f)
        controls++;
    }
  if (controls > 8 && controls * 50 > chars)
    {
      set_binary_error (error, _("a binary file (it contains many control characters)"));
      return NULL;
    }

  out = g_string_sized_new (end - p + 1);
  while (p < end)
    {
      const char *nl = p;
      while (nl < end && *nl != '\n' && *nl != '\r')
        nl++;
      append_nfc_line (out, p, nl - p);
      if (nl < end)
        {
          g_string_append_c (out, '\n');
          if (*nl == '\r' && nl + 1 < end && nl[1] == '\n')
            nl++;
          nl++;
        }
      p = nl;
    }

  for (p = out->str; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0xfeff && c != 0x200b && c != 0x1a)
        {
          blank = FALSE;
          break;
        }
    }
  if (blank)
    {
      g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_EMPTY,
                   _("The file is empty or holds only white space"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
convert_to_utf8 (const char  *data,
                 gsize        len,
                 const char  *from,
                 GError     **error)
{
  g_autoptr(GError) local = NULL;
  gsize written = 0;
  char *res = g_convert (data, len, "UTF-8", from, NULL, &written, &local);
  if (res == NULL)
    {
      g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNDECODABLE,
                   _("The text cannot be read as %s: %s"), from, local->message);
      return NULL;
    }
  if (strlen (res) != written)
    {
      g_free (res);
      set_binary_error (error, _("a binary file (it contains NUL characters)"));
      return NULL;
    }
  return res;
}

static char *
decode_with (const char  *data,
             gsize        len,
             const char  *from,
             GError     **error)
{
  g_autofree char *utf8 = convert_to_utf8 (data, len, from, error);
  if (utf8 == NULL)
    return NULL;
  return finish_text (utf8, strlen (utf8), error);
}

/* Whether a character is one no page holds: private use, unassigned,
 * surrogate, a noncharacter, the replacement character, or a control
 * other than white space. Text decoded in the wrong encoding is full of
 * them (UTF-8 read as UTF-16: a third of the characters are private use). */
static gboolean
is_not_text (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_SURROGATE:
      return TRUE;
    case G_UNICODE_CONTROL:
      return !g_unichar_isspace (c) && c != 0x1a;
    default:
      return c == 0xfffd || (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
    }
}

/* An encoding the user chose must decode the file cleanly: a few odd
 * characters are tolerated (GB18030 maps its user-defined codes to private
 * use), but more than one in twenty of the non-blank characters means the
 * choice was wrong, and storing the result would replace good articles
 * with garbage. */
static gboolean
check_decoded_cleanly (const char  *text,
                       const char  *encoding,
                       GError     **error)
{
  guint total = 0, odd = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c))
        continue;
      total++;
      if (is_not_text (c))
        odd++;
    }
  if (odd > 0 && odd * 20 > total)
    {
      g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNDECODABLE,
                   _("The file does not read cleanly as %s: %u of its %u characters would not be text"),
                   encoding, odd, total);
      return FALSE;
    }
  return TRUE;
}

char *
zr_text_decode (const char  *data,
                gsize        len,
                const char  *forced_encoding,
                char       **out_encoding,
                GError     **error)
{
  const guchar *u = (const guchar *) data;
  const char *used = NULL;
  char *text = NULL;
  int score;
  int utf16;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (out_encoding)
    *out_encoding = NULL;

  if (len == 0)
    {
      g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_EMPTY,
                   _("The file is empty or holds only white space"));
      return NULL;
    }

  if (forced_encoding != NULL && *forced_encoding != '\0')
    {
      const char *from = forced_encoding;
      if (g_ascii_strcasecmp (from, "UTF-8-BOM") == 0)
        from = "UTF-8";
      if (g_ascii_strcasecmp (from, "UTF-8") == 0)
        {
          if (!g_utf8_validate_len (data, len, NULL))
            {
              g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNDECODABLE,
                           _("The text is not valid UTF-8"));
              return NULL;
            }
          text = finish_text (data, len, error);
        }
      else
        {
          /* skip a BOM of the forced UTF-16 flavour */
          if ((g_ascii_strcasecmp (from, "UTF-16LE") == 0 && len >= 2 && u[0] == 0xff && u[1] == 0xfe) ||
              (g_ascii_strcasecmp (from, "UTF-16BE") == 0 && len >= 2 && u[0] == 0xfe && u[1] == 0xff))
            {
              data += 2;
              len -= 2;
            }
          text = decode_with (data, len, from, error);
        }
      if (text != NULL && !check_decoded_cleanly (text, forced_encoding, error))
        g_clear_pointer (&text, g_free);
      if (text && out_encoding)
        *out_encoding = g_strdup (forced_encoding);
      return text;
    }

  /* byte order marks */
  if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
    {
      if (!g_utf8_validate_len (data + 3, len - 3, NULL))
        {
          g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNDECODABLE,
                       _("The file starts with a UTF-8 mark but is not valid UTF-8"));
          return NULL;
        }
      text = finish_text (data + 3, len - 3, error);
      used = "UTF-8-BOM";
    }
  else if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff)))
    {
      used = u[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
      if ((len - 2) % 2 != 0)
        {
          g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNDECODABLE,
                       _("The file starts with a UTF-16 mark but has an odd length"));
          return NULL;
        }
      text = decode_with (data + 2, len - 2, used, error);
    }
  else
    {
      if (!check_magic (u, len, error))
        return NULL;

      if (g_utf8_validate_len (data, len, NULL))
        {
          if (memchr (data, 0, len) != NULL && (utf16 = guess_utf16 (u, len)) != 0)
            {
              used = utf16 == 1 ? "UTF-16LE" : "UTF-16BE";
              text = decode_with (data, len, used, error);
            }
          else
            {
              text = finish_text (data, len, error);
              used = "UTF-8";
            }
        }
      else if ((utf16 = guess_utf16 (u, len)) != 0)
        {
          used = utf16 == 1 ? "UTF-16LE" : "UTF-16BE";
          text = decode_with (data, len, used, error);
        }
      else if (memchr (data, 0, len) != NULL)
        {
          set_binary_error (error, _("a binary file (it contains NUL bytes)"));
          return NULL;
        }
      else
        {
          score = gb_score (u, len);
          if (score >= 0 && score < 600)
            {
              g_set_error (error, ZR_IMPORT_ERROR, ZR_IMPORT_ERROR_UNDECODABLE,
                           _("The text is neither UTF-8 nor Chinese GB18030 text; "
                             "choose its encoding by hand"));
              return NULL;
            }
          used = "GB18030";
          text = decode_with (data, len, used, error);
        }
    }

  if (text && out_encoding)
    *out_encoding = g_strdup (used);
  return text;
}
