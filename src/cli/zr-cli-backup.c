/* zr-cli-backup.c: backup and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "zr-cli.h"
#include "zr-database.h"
#include "zr-error.h"
#include "zr-json.h"

int
zr_cli_backup (ZrCli *cli,
               int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *made = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the backup to FILE (it must not exist yet)"), N_("FILE") },
    ZR_CLI_JSON_OPTION (json),
    { NULL }
  };
  ZrLibrary *library;

  if (!zr_cli_parse_options ("backup", NULL,
                             _("Copy the library, as it is now, to a new file: FILE with -o, "
                               "else a new file in the library's backups folder."),
                             entries, &argc, &argv))
    return ZR_CLI_USAGE;
  if (argc != 1)
    return zr_cli_usage ("backup", _("“backup” takes no file names; use -o FILE"));
  if (output != NULL && *output == '\0')
    return zr_cli_usage ("backup", _("-o needs a file name"));

  path = zr_cli_dup_db_path (cli);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND,
                   _("There is no library at “%s” to back up"), path);
      return zr_cli_fail (error);
    }
  library = zr_cli_open_library (cli);
  if (library == NULL)
    return ZR_CLI_FAILED;

  if (output != NULL)
    {
      if (!zr_database_backup_to (zr_library_get_database (library), output, &error))
        return zr_cli_fail (error);
      made = g_strdup (output);
    }
  else
    {
      made = zr_database_make_backup (zr_library_get_database (library), &error);
      if (made == NULL)
        return zr_cli_fail (error);
    }

  if (json)
    {
      ZrJson *out = zr_json_new (TRUE);

      zr_json_begin_object (out);
      zr_json_key (out, "library");
      zr_json_string (out, path);
      zr_json_key (out, "backup");
      zr_json_string (out, made);
      zr_json_end_object (out);
      zr_cli_print_json (zr_json_steal (out));
    }
  else
    zr_cli_print (_("The library was backed up to %s\n"), made);
  return ZR_CLI_OK;
}

int
zr_cli_restore (ZrCli *cli,
                int    argc,
                char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  gboolean list = FALSE;
  GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the automatic backups, newest first"), NULL },
    ZR_CLI_JSON_OPTION (json),
    { NULL }
  };

  if (!zr_cli_parse_options ("restore", N_("FILE"),
                             _("Put a backup back into the library. The library as it was is kept as a "
                               "backup in its turn (or, if damaged, set aside under a new name)."),
                             entries, &argc, &argv))
    return ZR_CLI_USAGE;

  path = zr_cli_dup_db_path (cli);
  if (list)
    {
      g_auto(GStrv) backups = zr_database_list_backups (path);

      if (argc != 1)
        return zr_cli_usage ("restore", _("--list takes no file name"));
      if (json)
        {
          ZrJson *out = zr_json_new (TRUE);

          zr_json_begin_array (out);
          for (guint i = 0; backups[i] != NULL; i++)
            zr_json_string (out, backups[i]);
          zr_json_end_array (out);
          zr_cli_print_json (zr_json_steal (out));
        }
      else
        for (guint i = 0; backups[i] != NULL; i++)
          zr_cli_print ("%s\n", backups[i]);
      return ZR_CLI_OK;
    }

  if (argc != 2)
    return zr_cli_usage ("restore", _("Give one backup file (“restore --list” shows the automatic ones)"));

  db = zr_database_restore (path, argv[1], &previous, &error);
  if (db == NULL)
    return zr_cli_fail (error);

  if (json)
    {
      ZrJson *out = zr_json_new (TRUE);

      zr_json_begin_object (out);
      zr_json_key (out, "library");
      zr_json_string (out, path);
      zr_json_key (out, "restored");
      zr_json_string (out, argv[1]);
      zr_json_key (out, "previous");
      zr_json_string (out, previous);
      zr_json_end_object (out);
      zr_cli_print_json (zr_json_steal (out));
    }
  else
    {
      zr_cli_print (_("The library %s now holds the backup %s.\n"), path, argv[1]);
      if (previous != NULL)
        zr_cli_print (_("The library as it was is kept in %s\n"), previous);
    }
  return ZR_CLI_OK;
}
