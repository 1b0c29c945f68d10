/* test-classify-cli.c: the stored classification and the user's gazetteer,
 * through the command-line tool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "../core/zr-test-utils.h"

/* Invented for this test: one story from a town of 芦淞区 in the built-in
 * gazetteer. */
static const char page[] =
  "白关镇丝瓜大棚迎来采摘季\n"
  "\n"
  "连日来，白关镇的种植大户忙着采摘丝瓜，一天能摘两千多斤。\n"
  "\n"
  "今年镇上的丝瓜大棚又多了三十亩。\n";

/* Another city's gazetteer that puts the same town in 天元区… */
static const char moved_gazetteer[] =
  "[Gazetteer]\n"
  "Divisions=芦淞区;天元区;\n"
  "[芦淞区]\n"
  "Names=芦淞区;\n"
  "[天元区]\n"
  "Towns=白关镇;\n";

/* …and one that keeps it in 芦淞区 but weighs a mention 10 wherever it
 * stands (the built-in gazetteer: 6 in a headline, 2 in a first paragraph…). */
static const char other_gazetteer[] =
  "[Gazetteer]\n"
  "Divisions=芦淞区;天元区;\n"
  "Column=10\nHeadline=10\nKicker=10\nDateline=10\nFirst=10\nBody=10\nCaption=10\n"
  "[芦淞区]\n"
  "Towns=白关镇;\n"
  "[天元区]\n"
  "Names=天元区;\n";

static const char user_topics[] =
  "[Topics]\n"
  "Topics=瓜果;其他;\n"
  "[瓜果]\n"
  "Words=丝瓜:1;\n"
  "[其他]\n"
  "Words=会议:1;\n";

typedef struct
{
  char *dir;
  char *db;
  char *page;
  char *data_home;   /* $XDG_DATA_HOME of every run */
} Fixture;

typedef ZrTestRun Run;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, zr_test_run_clear)

/* Runs zhuzhou-reader-cli --db DB ARGS… with $ZR_GAZETTEER set to
 * @gazetteer (unset if NULL) and $XDG_DATA_HOME to the fixture's. */
static void
run_cli (Fixture    *f,
         Run        *r,
         const char *gazetteer,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("ZR_CLI");
  const char *arg;
  va_list ap;
  int wait_status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db);
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "ZR_TOPICS");
  envp = gazetteer ? g_environ_setenv (envp, "ZR_GAZETTEER", gazetteer, TRUE)
                   : g_environ_unsetenv (envp, "ZR_GAZETTEER");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", f->data_home, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = zr_test_mkdtemp ();
  f->db = g_build_filename (f->dir, "library.db", NULL);
  f->page = write_file (f->dir, "2026-10-08_第05版.txt", page);
  f->data_home = g_build_filename (f->dir, "data-home", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->data_home, 0700), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  zr_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->page);
  g_free (f->data_home);
}

/* The id of the only article; checks its stored district. */
static char *
only_article (Fixture    *f,
              const char *district)
{
  g_auto(Run) list = { 0 };
  g_autofree char *got = NULL;

  run_cli (f, &list, NULL, "articles", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpint (zr_test_json_length (list.out, "$"), ==, 1);
  got = zr_test_json_get (list.out, "$[0].district");
  g_assert_cmpstr (got, ==, district);
  return zr_test_json_get (list.out, "$[0].id");
}

/* `show --json`'s why explains the stored district and topics: the same
 * primaries, and evidence for them. */
static void
assert_why_explains (const char *show_json)
{
  g_autofree char *district = zr_test_json_get (show_json, "$.district");
  g_autofree char *topic = zr_test_json_get (show_json, "$.topics[0]");
  g_autofree char *why_district = zr_test_json_get (show_json, "$.why.district.primary");
  g_autofree char *why_topic = zr_test_json_get (show_json, "$.why.topics.primary");
  g_autofree char *label = zr_test_json_get (show_json, "$.why.district.evidence[0].label");
  g_autofree char *topic_label = zr_test_json_get (show_json, "$.why.topics.evidence[0].label");
  g_autofree char *score_path = g_strdup_printf ("$.why.district.scores.%s", district);
  g_autofree char *score = zr_test_json_get (show_json, score_path);

  g_assert_nonnull (district);
  g_assert_cmpstr (why_district, ==, district);
  g_assert_cmpstr (label, ==, district);
  g_assert_nonnull (score);
  g_assert_nonnull (topic);
  g_assert_cmpstr (why_topic, ==, topic);
  g_assert_cmpstr (topic_label, ==, topic);
}

/* Issue #20.8: the why was worked out again at every `show` with whatever
 * gazetteer was loaded then, so it could explain a district other than the
 * stored one. */
static void
test_why_explains_stored (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *moved = write_file (f->dir, "moved.ini", moved_gazetteer);
  g_autofree char *id = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) reclassify = { 0 };
  g_auto(Run) after = { 0 };
  g_autofree char *term = NULL;
  g_autofree char *moved_score = NULL;

  run_cli (f, &import, NULL, "import", f->page, NULL);
  g_assert_cmpint (import.status, ==, 0);
  id = only_article (f, "芦淞区");

  /* Opened while another gazetteer is loaded: the stored district stands,
   * and so does its evidence. */
  run_cli (f, &show, moved, "show", id, "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  assert_why_explains (show.out);
  term = zr_test_json_get (show.out, "$.why.district.evidence[0].term");
  moved_score = zr_test_json_get (show.out, "$.why.district.scores.天元区");
  g_assert_cmpstr (term, ==, "白关镇");
  g_assert_null (moved_score);

  /* Reclassified with that gazetteer, the article is 天元区's, and the why
   * says so even when the built-in gazetteer is loaded again. */
  run_cli (f, &reclassify, moved, "reclassify", NULL);
  g_assert_cmpint (reclassify.status, ==, 0);
  g_free (only_article (f, "天元区"));
  run_cli (f, &after, NULL, "show", id, "--json", NULL);
  g_assert_cmpint (after.status, ==, 0);
  assert_why_explains (after.out);
}

/* The same article classified with two gazetteers that agree on the
 * district but weigh differently: the why keeps the weights of the one
 * that decided. */
static void
test_why_keeps_weights (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *other = write_file (f->dir, "other.ini", other_gazetteer);
  g_autofree char *id = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) show = { 0 };
  g_autofree char *weight = NULL;

  run_cli (f, &import, other, "import", f->page, NULL);
  g_assert_cmpint (import.status, ==, 0);
  id = only_article (f, "芦淞区");
  run_cli (f, &show, NULL, "show", id, "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  assert_why_explains (show.out);
  weight = zr_test_json_get (show.out, "$.why.district.evidence[0].weight");
  g_assert_cmpstr (weight, ==, "10");     /* one mention, 10 in that gazetteer */
}

/* A library written before the evidence was stored with the decision has
 * none: the why still never contradicts the stored district. */
static void
test_why_without_stored_evidence (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *moved = write_file (f->dir, "moved.ini", moved_gazetteer);
  g_autofree char *id = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) same = { 0 };
  g_auto(Run) other = { 0 };
  g_autofree char *rule = NULL;
  g_autofree char *n_evidence = NULL;
  sqlite3 *db = NULL;

  run_cli (f, &import, NULL, "import", f->page, NULL);
  g_assert_cmpint (import.status, ==, 0);
  id = only_article (f, "芦淞区");
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE records SET why_json = NULL", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* The loaded data comes to the same decision: its evidence explains it. */
  run_cli (f, &same, NULL, "show", id, "--json", NULL);
  g_assert_cmpint (same.status, ==, 0);
  assert_why_explains (same.out);

  /* It does not: the why gives the stored decision and no evidence. */
  run_cli (f, &other, moved, "show", id, "--json", NULL);
  g_assert_cmpint (other.status, ==, 0);
  {
    g_autofree char *primary = zr_test_json_get (other.out, "$.why.district.primary");
    g_assert_cmpstr (primary, ==, "芦淞区");
  }
  rule = zr_test_json_get (other.out, "$.why.district.rule");
  g_assert_cmpstr (rule, ==, "classified with other data; reclassify to see the evidence");
  g_assert_cmpint (zr_test_json_length (other.out, "$.why.district.evidence"), ==, 0);
  n_evidence = zr_test_json_get (other.out, "$.why.topics.primary");
  g_assert_cmpstr (n_evidence, ==, "农业农村");

  /* The first libraries stored the whole why as JSON: it is shown as it is. */
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE records SET why_json = '{\"district\":{\"primary\":\"芦淞区\","
                                     "\"rule\":\"as stored\",\"scores\":{},\"evidence\":[]},"
                                     "\"topics\":{\"primary\":\"农业农村\",\"rule\":\"as stored\","
                                     "\"scores\":{},\"evidence\":[]}}'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  {
    g_auto(Run) old = { 0 };
    g_autofree char *old_rule = NULL;

    run_cli (f, &old, moved, "show", id, "--json", NULL);
    g_assert_cmpint (old.status, ==, 0);
    old_rule = zr_test_json_get (old.out, "$.why.district.rule");
    g_assert_cmpstr (old_rule, ==, "as stored");
  }
}

/* Issue #20.10: a gazetteer and a topic lexicon in the user's data folder
 * replace the built-in ones; $ZR_GAZETTEER still comes first. */
static void
test_user_gazetteer (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->data_home, "zhuzhou-reader", "gazetteer", NULL);
  g_autofree char *user_file = NULL;
  g_autofree char *other = write_file (f->dir, "other.ini", other_gazetteer);
  g_autofree char *topic = NULL;
  g_autofree char *reclassified_topic = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) by_env = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) bad = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  user_file = write_file (folder, "gazetteer.ini", moved_gazetteer);
  g_free (write_file (folder, "topics.ini", user_topics));

  run_cli (f, &import, NULL, "import", f->page, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_free (only_article (f, "天元区"));
  run_cli (f, &list, NULL, "articles", "--json", NULL);
  topic = zr_test_json_get (list.out, "$[0].topics[0]");
  g_assert_cmpstr (topic, ==, "瓜果");

  /* $ZR_GAZETTEER over the user's file */
  run_cli (f, &by_env, other, "reclassify", NULL);
  g_assert_cmpint (by_env.status, ==, 0);
  g_free (only_article (f, "芦淞区"));

  /* A user file that is not a gazetteer is reported by name, not skipped. */
  g_free (write_file (folder, "gazetteer.ini", "no gazetteer here [["));
  run_cli (f, &bad, NULL, "reclassify", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, user_file));

  /* Without the user's files, the built-in ones again. */
  g_assert_cmpint (g_remove (user_file), ==, 0);
  {
    g_autofree char *topics_file = g_build_filename (folder, "topics.ini", NULL);
    g_auto(Run) builtin = { 0 };
    g_auto(Run) again = { 0 };

    g_assert_cmpint (g_remove (topics_file), ==, 0);
    run_cli (f, &builtin, NULL, "reclassify", NULL);
    g_assert_cmpint (builtin.status, ==, 0);
    g_free (only_article (f, "芦淞区"));
    run_cli (f, &again, NULL, "articles", "--json", NULL);
    reclassified_topic = zr_test_json_get (again.out, "$[0].topics[0]");
    g_assert_cmpstr (reclassified_topic, ==, "农业农村");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/classify/why-explains-stored", Fixture, NULL,
              fixture_set_up, test_why_explains_stored, fixture_tear_down);
  g_test_add ("/cli/classify/why-keeps-weights", Fixture, NULL,
              fixture_set_up, test_why_keeps_weights, fixture_tear_down);
  g_test_add ("/cli/classify/why-without-stored-evidence", Fixture, NULL,
              fixture_set_up, test_why_without_stored_evidence, fixture_tear_down);
  g_test_add ("/cli/classify/user-gazetteer", Fixture, NULL,
              fixture_set_up, test_user_gazetteer, fixture_tear_down);

  return g_test_run ();
}
