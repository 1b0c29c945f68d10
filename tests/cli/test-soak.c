/* test-soak.c: many readers and writers on one library, writers killed
 * with SIGKILL at random (issue #13's soak test)
 *
 * Four writers (CLI imports of their own folders, the pages rewritten
 * before each run) and eight readers (four threads running CLI commands,
 * four threads reading through the core API) share one library for
 * ZR_SOAK_SECONDS (default 20; README says how to run it for minutes).
 * A random writer is killed every few hundred milliseconds. Afterwards:
 * integrity_check is ok, no reader met an error, every file is wholly in
 * the library as one of the versions written or absent, and nothing was
 * set aside as damaged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include "zr-error.h"
#include "zr-page-parser.h"
#include "zr-search.h"
#include "../core/zr-test-utils.h"

#define N_WRITERS       4
#define N_CLI_READERS   4
#define N_CORE_READERS  4
#define FILES_PER_WRITER 12

typedef struct
{
  char        *db_path;
  char        *dir;
  const char  *cli;
  gint         stop;            /* atomic */
  GMutex       lock;
  GHashTable  *versions;        /* content hash → expected records (guint) */
  GPtrArray   *errors;          /* what went wrong, for the report */
  guint        reads;
  guint        kills;
  guint        imports;
} Soak;

static void
soak_error (Soak       *soak,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
soak_error (Soak       *soak,
            const char *format,
            ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_mutex_lock (&soak->lock);
  if (soak->errors->len < 20)
    g_ptr_array_add (soak->errors, message);
  else
    g_free (message);
  g_mutex_unlock (&soak->lock);
}

/* Writes the pages of @writer, round @round, and remembers what each
 * version should give. */
static void
write_pages (Soak  *soak,
             guint  writer,
             guint  round)
{
  g_autofree char *folder = g_strdup_printf ("%s/writer-%u", soak->dir, writer);

  g_mkdir (folder, 0700);
  for (guint i = 0; i < FILES_PER_WRITER; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/2025-03-%02u_第%02u版.txt", folder, i % 28 + 1, writer + 1);
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(ZrPage) page = NULL;
      g_autofree char *hash = NULL;
      guint articles = 3 + (round + i) % 5;

      for (guint j = 0; j < articles; j++)
        {
          g_string_append_printf (s, "## 石峰区第%u片区 第%u轮巡查整改%u处\n\n", writer, round, j);
          g_string_append_printf (s, "株洲日报讯（全媒体记者 罗%u）近日，石峰区清水塘街道第%u社区完成第%u轮巡查，"
                                     "共整改问题%u处。\n\n", j, i, round, round * 3 + j);
          g_string_append (s, "“问题当天发现当天交办。”社区负责人周女士说。\n\n");
          for (guint k = 0; k < 4; k++)
            g_string_append_printf (s, "据介绍，该社区第%u项整改涉及楼道堆物、飞线充电等%u类问题，居民满意率达到%u%%。\n\n",
                                    k, k + j, 90 + (k + round) % 10);
        }
      page = zr_page_parse (s->str);
      hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) s->str, s->len);
      g_mutex_lock (&soak->lock);
      g_hash_table_insert (soak->versions, g_steal_pointer (&hash), GUINT_TO_POINTER (page->records->len));
      g_mutex_unlock (&soak->lock);
      g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
    }
}

static GPid
spawn_writer (Soak  *soak,
              guint  writer)
{
  g_autofree char *folder = g_strdup_printf ("%s/writer-%u", soak->dir, writer);
  const char *argv[] = { soak->cli, "--db", soak->db_path, "import", folder, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static gpointer
cli_reader (gpointer data)
{
  Soak *soak = data;
  const char *commands[][4] = {
    { "stats", "--json", NULL, NULL },
    { "search", "整改", "--json", NULL },
    { "articles", "--district", "石峰区", "--json" },
    { "quotes", "--json", NULL, NULL },
  };
  guint turn = g_random_int_range (0, G_N_ELEMENTS (commands));

  while (!g_atomic_int_get (&soak->stop))
    {
      const char **command = commands[turn++ % G_N_ELEMENTS (commands)];
      const char *argv[8] = { soak->cli, "--db", soak->db_path };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;
      guint n = 3;

      for (guint i = 0; i < 4 && command[i] != NULL; i++)
        argv[n++] = command[i];
      argv[n] = NULL;
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
        soak_error (soak, "could not run %s: %s", command[0], error->message);
      else if (!g_spawn_check_wait_status (status, NULL))
        soak_error (soak, "%s exited with %d: %s", command[0], status, err);
      else if (out == NULL || (out[0] != '[' && out[0] != '{'))
        soak_error (soak, "%s printed no JSON", command[0]);
      else
        g_atomic_int_inc (&soak->reads);
    }
  return NULL;
}

static gpointer
core_reader (gpointer data)
{
  Soak *soak = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = zr_database_open (soak->db_path, &error);
  g_autoptr(ZrClassifier) classifier = NULL;
  g_autoptr(ZrLibrary) library = NULL;

  if (db == NULL)
    {
      soak_error (soak, "core reader could not open the library: %s", error->message);
      return NULL;
    }
  classifier = zr_classifier_new_default (&error);
  g_assert_no_error (error);
  library = zr_library_new (db, classifier);

  while (!g_atomic_int_get (&soak->stop))
    {
      g_autoptr(GArray) ids = zr_library_list_ids (library, NULL, 50, &error);
      g_autoptr(GPtrArray) hits = NULL;

      if (ids == NULL)
        {
          soak_error (soak, "list_ids: %s", error->message);
          g_clear_error (&error);
          continue;
        }
      for (guint i = 0; i < ids->len && i < 5; i++)
        {
          g_autoptr(ZrArticle) article = zr_library_get_article (library, g_array_index (ids, gint64, i), &error);
          /* an article removed by a re-import since it was listed is no error */
          if (article == NULL && !g_error_matches (error, ZR_DATABASE_ERROR, ZR_DATABASE_ERROR_NOT_FOUND))
            soak_error (soak, "get_article: %s", error->message);
          else if (article != NULL && article->record->paragraphs->len == 0)
            soak_error (soak, "article %" G_GINT64_FORMAT " has no paragraphs", article->id);
          g_clear_error (&error);
        }
      hits = zr_search_run (db, "巡查", NULL, 20, &error);
      if (hits == NULL)
        {
          soak_error (soak, "search: %s", error->message);
          g_clear_error (&error);
        }
      else
        g_atomic_int_inc (&soak->reads);
    }
  return NULL;
}

/* Reaps @pid if it has ended: TRUE when it has (a clean exit, or killed by
 * us); an import that failed on its own is an error. */
static gboolean
reap_writer (Soak    *soak,
             GPid     pid,
             gboolean wait)
{
  int status = 0;
  pid_t r = waitpid (pid, &status, wait ? 0 : WNOHANG);

  if (r == 0)
    return FALSE;
  g_assert_cmpint (r, ==, pid);
  g_spawn_close_pid (pid);
  if (WIFEXITED (status))
    {
      if (WEXITSTATUS (status) != 0)
        soak_error (soak, "an import exited with %d", WEXITSTATUS (status));
      else
        soak->imports++;
    }
  else if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    soak_error (soak, "an import ended with status %d", status);
  return TRUE;
}

static void
test_soak (void)
{
  Soak soak = { 0 };
  g_autofree char *dir = zr_test_mkdtemp ();
  guint seconds = 20;
  const char *env = g_getenv ("ZR_SOAK_SECONDS");
  GPid writers[N_WRITERS] = { 0 };
  guint rounds[N_WRITERS] = { 0 };
  GThread *readers[N_CLI_READERS + N_CORE_READERS];
  gint64 deadline, next_kill;
  guint checked = 0;

  if (env != NULL)
    seconds = MAX (1, (guint) g_ascii_strtoull (env, NULL, 10));
  soak.dir = dir;
  soak.db_path = g_build_filename (dir, "library.db", NULL);
  soak.cli = g_getenv ("ZR_CLI");
  g_assert_nonnull (soak.cli);
  g_mutex_init (&soak.lock);
  soak.versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  soak.errors = g_ptr_array_new_with_free_func (g_free);

  /* the library exists before anybody reads it */
  for (guint w = 0; w < N_WRITERS; w++)
    write_pages (&soak, w, 0);
  writers[0] = spawn_writer (&soak, 0);
  reap_writer (&soak, writers[0], TRUE);
  writers[0] = 0;

  for (guint i = 0; i < N_CLI_READERS; i++)
    readers[i] = g_thread_new ("cli-reader", cli_reader, &soak);
  for (guint i = 0; i < N_CORE_READERS; i++)
    readers[N_CLI_READERS + i] = g_thread_new ("core-reader", core_reader, &soak);

  deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  next_kill = g_get_monotonic_time () + g_random_int_range (200, 700) * 1000;
  while (g_get_monotonic_time () < deadline)
    {
      for (guint w = 0; w < N_WRITERS; w++)
        {
          if (writers[w] != 0 && !reap_writer (&soak, writers[w], FALSE))
            continue;
          /* a new version of its pages, then a new import of them */
          write_pages (&soak, w, ++rounds[w]);
          writers[w] = spawn_writer (&soak, w);
        }
      if (g_get_monotonic_time () >= next_kill)
        {
          guint w = g_random_int_range (0, N_WRITERS);
          if (writers[w] != 0 && kill (writers[w], SIGKILL) == 0)
            soak.kills++;
          next_kill = g_get_monotonic_time () + g_random_int_range (200, 700) * 1000;
        }
      g_usleep (20 * 1000);
    }

  for (guint w = 0; w < N_WRITERS; w++)
    if (writers[w] != 0)
      {
        kill (writers[w], SIGKILL);
        reap_writer (&soak, writers[w], TRUE);
      }
  g_atomic_int_set (&soak.stop, 1);
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    g_thread_join (readers[i]);

  g_test_message ("%u s: %u imports finished, %u killed, %u reads", seconds, soak.imports, soak.kills, soak.reads);
  for (guint i = 0; i < soak.errors->len; i++)
    g_test_message ("error: %s", (const char *) g_ptr_array_index (soak.errors, i));
  g_assert_cmpuint (soak.errors->len, ==, 0);
  g_assert_cmpuint (soak.kills, >, 0);
  g_assert_cmpuint (soak.reads, >, 0);

  /* nothing set aside */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_null (strstr (name, "damaged"));
  }

  /* whole, and every file one of its versions, wholly */
  {
    g_autoptr(ZrLibrary) library = zr_test_open_library (soak.db_path);
    sqlite3 *db = zr_database_get_handle (zr_library_get_database (library));
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT s.content_hash, count(r.id) FROM sources s"
                                             " LEFT JOIN records r ON r.source_id = s.id GROUP BY s.id",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *hash = (const char *) sqlite3_column_text (stmt, 0);
        gpointer expected;

        g_assert_true (g_hash_table_lookup_extended (soak.versions, hash, NULL, &expected));
        g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, GPOINTER_TO_UINT (expected));
        checked++;
      }
    sqlite3_finalize (stmt);
    g_assert_cmpuint (checked, >=, FILES_PER_WRITER);
    g_assert_cmpuint (checked, <=, N_WRITERS * FILES_PER_WRITER);
  }

  g_hash_table_unref (soak.versions);
  g_ptr_array_unref (soak.errors);
  g_mutex_clear (&soak.lock);
  g_free (soak.db_path);
  zr_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/soak/readers-writers-kills", test_soak);
  return g_test_run ();
}
