/* zr-cli.c: zhuzhou-reader-cli, the command-line tool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zr-classifier.h"
#include "zr-cli.h"
#include "zr-database.h"
#include "zr-error.h"

typedef struct
{
  const char       *name;
  ZrCliCommandFunc  func;
  const char       *summary;
} Command;

static const Command commands[] = {
  { "import", zr_cli_import, N_("Import page files and folders into the library") },
  { "articles", zr_cli_articles, N_("List the articles, in page order") },
  { "show", zr_cli_show, N_("Show one article") },
  { "search", zr_cli_search, N_("Search the library") },
  { "stats", zr_cli_stats, N_("Counts of the library or of a filter") },
  { "quotes", zr_cli_quotes, N_("List the quotes") },
  { "cite", zr_cli_cite, N_("Cite an article or one of its quotes") },
  { "clippings", zr_cli_clippings, N_("Save, list, delete, export and import saved quotes") },
  { "reclassify", zr_cli_reclassify, N_("Recompute districts and topics of every article") },
  { "set-page", zr_cli_set_page, N_("Set the page date and page number of an article's source file") },
  { "backup", zr_cli_backup, N_("Copy the library to a backup file") },
  { "restore", zr_cli_restore, N_("Put a backup back into the library") },
};

gboolean
zr_cli_parse_options (const char    *command,
                      const char    *parameter_string,
                      const char    *summary,
                      GOptionEntry  *entries,
                      int           *argc,
                      char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *params = g_strdup_printf ("%s %s", command, parameter_string ? parameter_string : "");

  context = g_option_context_new (params);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      zr_cli_usage (command, error->message);
      return FALSE;
    }
  return TRUE;
}

int
zr_cli_usage (const char *command,
              const char *message)
{
  if (command != NULL)
    g_printerr ("zhuzhou-reader-cli %s: %s\n", command, message);
  else
    g_printerr ("zhuzhou-reader-cli: %s\n", message);
  g_printerr (_("Try “zhuzhou-reader-cli %s--help”.\n"), command ? command : "");
  return ZR_CLI_USAGE;
}

/* Set when a command failed on SQLite's word that the library is damaged */
static gboolean damage_reported;

int
zr_cli_fail (const GError *error)
{
  g_printerr ("zhuzhou-reader-cli: %s\n", error->message);
  if (g_error_matches (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED))
    damage_reported = TRUE;
  return ZR_CLI_FAILED;
}

/* Output. Everything the tool prints goes through zr_cli_write(): the
 * bytes are UTF-8 as they are (g_print() converts to the locale's
 * character set, and under LC_ALL=C every Chinese character became “?”),
 * and a failed write (a full disk, a closed pipe) is remembered so that the
 * tool exits 1 instead of reporting success. */

static int output_errno;   /* the first write error, 0 if none */

void
zr_cli_write (const char *data,
              gsize       len)
{
  if (len == 0 || output_errno != 0)
    return;
  errno = 0;
  if (fwrite (data, 1, len, stdout) != len)
    output_errno = errno != 0 ? errno : EIO;
}

void
zr_cli_print (const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  zr_cli_write (text, strlen (text));
}

gboolean
zr_cli_output_failed (void)
{
  return output_errno != 0 || ferror (stdout);
}

void
zr_cli_print_json (char *json)
{
  gsize len = strlen (json);

  zr_cli_write (json, len);
  if (len > 0 && json[len - 1] != '\n')
    zr_cli_write ("\n", 1);
  g_free (json);
}

static gboolean
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Writes into the file itself, whatever it is (a device, a pipe, the file
 * behind a symbolic link), creating it if needed. */
static gboolean
write_in_place (const char  *path,
                const char  *data,
                gsize        len,
                GError     **error)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  gsize done = 0;

  if (fd < 0)
    return set_write_error (error, errno, path);
  while (done < len)
    {
      gssize n = write (fd, data + done, len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : EIO;
          close (fd);
          return set_write_error (error, saved, path);
        }
      done += n;
    }
  if (close (fd) != 0)
    return set_write_error (error, errno, path);
  return TRUE;
}

/**
 * zr_cli_write_output:
 * @path: what the user gave to -o
 *
 * Writes a command's whole output to @path. “-” is standard output. A
 * regular file this user owns and may write (or a new one) is replaced by
 * renaming a finished copy over it, its permissions kept, so that no one
 * ever reads half of it. Anything else is written into as it is: a symbolic
 * link is followed (the link stays a link, /dev/stdout included), a device
 * or pipe stays what it is, a file with other links keeps them, and a file
 * that may not be written is refused as the system refuses it.
 */
gboolean
zr_cli_write_output (const char  *path,
                     const char  *data,
                     gsize        len,
                     GError     **error)
{
  g_autofree char *dir = NULL;
  GStatBuf st;

  if (g_str_equal (path, "-"))
    {
      zr_cli_write (data, len);
      return TRUE;
    }

  dir = g_path_get_dirname (path);
  if (g_lstat (path, &st) != 0)
    {
      int saved = errno;
      if (saved != ENOENT)
        return set_write_error (error, saved, path);
      return g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
    }
  if (S_ISREG (st.st_mode) && st.st_nlink == 1 && st.st_uid == geteuid () &&
      (st.st_mode & S_IWUSR) != 0 && access (path, W_OK) == 0 && access (dir, W_OK) == 0)
    return g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT,
                                     st.st_mode & 07777, error);
  return write_in_place (path, data, len, error);
}

/* g_print() and g_printerr() (GOption's --help, messages) write the same
 * way: UTF-8 bytes as they are. */
static void
print_handler (const char *text)
{
  zr_cli_write (text, strlen (text));
}

static void
printerr_handler (const char *text)
{
  fputs (text, stderr);
  fflush (stderr);
}

/* Run at exit, after the command (also when GOption exits after --help):
 * what stdout still buffers is written and the stream closed, and any
 * failure on the way makes the exit status 1. */
static void
close_stdout (void)
{
  int err = output_errno;

  errno = 0;
  if (fflush (stdout) != 0 && err == 0)
    err = errno != 0 ? errno : EIO;
  if (ferror (stdout) && err == 0)
    err = EIO;
  errno = 0;
  if (fclose (stdout) != 0 && err == 0 && errno != EBADF)
    err = errno != 0 ? errno : EIO;
  if (err == 0)
    return;
  g_printerr (_("zhuzhou-reader-cli: could not write the output: %s\n"), g_strerror (err));
  _exit (ZR_CLI_FAILED);
}

/* Arguments are read as UTF-8 whatever the locale: GOption converts them
 * from the locale's character set, which under LC_ALL=C refused every
 * Chinese district or query. Messages keep the user's language. */
static void
use_utf8_ctype (void)
{
  static const char *names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };

  if (g_get_charset (NULL))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (setlocale (LC_CTYPE, names[i]) != NULL && g_get_charset (NULL))
      return;
}

ZrFilter *
zr_cli_make_filter (char       **districts,
                    char       **topics,
                    const char  *query)
{
  ZrFilter *filter = zr_filter_new ();
  zr_filter_set_districts (filter, (const char * const *) districts);
  zr_filter_set_topics (filter, (const char * const *) topics);
  zr_filter_set_query (filter, query);
  return filter;
}

gboolean
zr_cli_parse_id (const char *text,
                 gint64     *id)
{
  guint64 value;
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

char *
zr_cli_pad (const char *text,
            guint       columns)
{
  GString *out = g_string_new (text ? text : "");
  guint width = 0;

  for (const char *p = out->str; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      width += g_unichar_iswide (c) ? 2 : (g_unichar_iszerowidth (c) ? 0 : 1);
    }
  while (width++ < columns)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

char *
zr_cli_dup_db_path (ZrCli *cli)
{
  return cli->db_path != NULL ? g_strdup (cli->db_path) : zr_database_dup_default_path ();
}

/* Where the library's backups are, for messages. */
static void
print_restore_hint (const char *path)
{
  g_auto(GStrv) backups = zr_database_list_backups (path);

  if (backups[0] != NULL)
    g_printerr (_("zhuzhou-reader-cli: its newest backup is %s; “zhuzhou-reader-cli restore FILE” puts a backup back.\n"),
                backups[0]);
}

/**
 * zr_cli_open_library:
 *
 * Opens the library named by --db (or the default one). A library SQLite
 * finds damaged is set aside under a new name (nothing is overwritten)
 * and the command fails: it says so, and its answer would be about no
 * library at all. The next command starts a new one.
 *
 * Returns: (transfer none): the library, or %NULL after printing why
 */
ZrLibrary *
zr_cli_open_library (ZrCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  g_autoptr(ZrClassifier) classifier = NULL;
  g_autofree char *default_path = NULL;
  const char *path = cli->db_path;

  if (cli->library != NULL)
    return cli->library;

  if (path == NULL)
    path = default_path = zr_database_dup_default_path ();

  db = zr_database_open (path, &error);
  if (db == NULL && g_error_matches (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED))
    {
      g_autoptr(GError) move_error = NULL;
      g_autofree char *aside = NULL;

      g_printerr ("zhuzhou-reader-cli: %s\n", error->message);
      aside = zr_database_move_aside (path, &move_error);
      if (aside == NULL)
        {
          zr_cli_fail (move_error);
          return NULL;
        }
      g_printerr (_("zhuzhou-reader-cli: the damaged library was set aside as %s; "
                    "the next command starts a new, empty library.\n"), aside);
      print_restore_hint (path);
      return NULL;
    }
  if (db == NULL)
    {
      zr_cli_fail (error);
      if (g_error_matches (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_STALE_LOG))
        print_restore_hint (path);
      return NULL;
    }

  classifier = zr_classifier_new_default (&error);
  if (classifier == NULL)
    {
      zr_cli_fail (error);
      return NULL;
    }

  cli->library = zr_library_new (db, classifier);
  return cli->library;
}

/* A command met SQLITE_CORRUPT on the way: SQLite's own check of the whole
 * file decides. Damaged, it is set aside like a library that does not
 * open; a check that finds nothing wrong leaves it where it is. */
static void
set_aside_if_damaged (ZrCli *cli)
{
  g_autoptr(GError) check = NULL;
  g_autoptr(GError) move_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *aside = NULL;
  ZrDatabase *db;

  if (cli->library == NULL)
    return;
  db = zr_library_get_database (cli->library);
  path = g_strdup (zr_database_get_path (db));
  if (zr_database_check_integrity (db, &check)
      || !g_error_matches (check, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_DAMAGED))
    return;

  g_printerr ("zhuzhou-reader-cli: %s\n", check->message);
  g_clear_object (&cli->library);   /* closed before it is renamed */
  aside = zr_database_move_aside (path, &move_error);
  if (aside == NULL)
    {
      zr_cli_fail (move_error);
      return;
    }
  g_printerr (_("zhuzhou-reader-cli: the damaged library was set aside as %s; "
                "the next command starts a new, empty library.\n"), aside);
  print_restore_hint (path);
}

static void
print_help (void)
{
  zr_cli_print (_("Usage:\n  zhuzhou-reader-cli [--db PATH] COMMAND [OPTION…]\n\n"));
  zr_cli_print (_("Read, search and cite pages of Zhuzhou Daily kept in a local library.\n\n"));
  zr_cli_print (_("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    zr_cli_print ("  %-12s %s\n", commands[i].name, _(commands[i].summary));
  zr_cli_print (_("\nOptions:\n  --db PATH    the library file (default: %s)\n  --version    print the version\n\n"),
           "$XDG_DATA_HOME/zhuzhou-reader/library.db");
  zr_cli_print (_("“zhuzhou-reader-cli COMMAND --help” describes a command.\n"));
}

int
main (int   argc,
      char *argv[])
{
  ZrCli cli = { 0 };
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  use_utf8_ctype ();
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_print_handler (print_handler);
  g_set_printerr_handler (printerr_handler);
  /* a closed pipe is a failed write (exit 1), not a silent death */
  signal (SIGPIPE, SIG_IGN);
  atexit (close_stdout);

  /* Global options stand before the command. */
  while (first < argc && argv[first][0] == '-')
    {
      const char *arg = argv[first];
      if (g_str_equal (arg, "--db") && first + 1 < argc)
        {
          cli.db_path = argv[first + 1];
          first += 2;
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          cli.db_path = arg + strlen ("--db=");
          first++;
        }
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help ();
          return ZR_CLI_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          zr_cli_print ("zhuzhou-reader-cli %s\n", PACKAGE_VERSION);
          return ZR_CLI_OK;
        }
      else
        {
          g_autofree char *msg = g_strdup_printf (_("Unknown option %s"), arg);
          return zr_cli_usage (NULL, msg);
        }
    }

  if (first >= argc)
    {
      print_help ();
      return ZR_CLI_USAGE;
    }

  /* SQLite takes both for a database that lives only until the command
   * ends: the command would report success and keep nothing */
  if (cli.db_path != NULL && *cli.db_path == '\0')
    return zr_cli_usage (NULL, _("--db needs the name of a library file"));
  if (g_strcmp0 (cli.db_path, ":memory:") == 0)
    return zr_cli_usage (NULL, _("--db :memory: keeps nothing: name a library file (./:memory: for a file of that name)"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[first], commands[i].name))
        {
          status = commands[i].func (&cli, argc - first, argv + first);
          if (damage_reported)
            {
              set_aside_if_damaged (&cli);
              status = ZR_CLI_FAILED;
            }
          g_clear_object (&cli.library);
          return status;
        }
    }

  {
    g_autofree char *msg = g_strdup_printf (_("Unknown command “%s”"), argv[first]);
    return zr_cli_usage (NULL, msg);
  }
}
