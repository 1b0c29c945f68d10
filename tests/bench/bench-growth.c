/* bench-growth.c: does the cost of hostile pages grow at most n·log n?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-growth [--scale S] [--repeat R] [--family NAME] [--json FILE]
 *
 * For each family of hostile page below, writes the page at size n and
 * at 2n and measures, on a fresh library each time, what a user does
 * with it:
 *   import  zr_library_import_file(): decode, segment, classify, quotes,
 *           figures, store, index
 *   search  zr_search_run() of a two-character and of a one-character
 *           term found all over the page, and zr_search_count()
 *   open    zr_library_get_article() of every record of the page (what
 *           `show` and the window's article pane load)
 * Each step runs in a process of its own, as the command-line tool runs
 * a command, and is timed in CPU time of the process (user and system),
 * R times (default 5), n and 2n in turn; the fastest is kept. Prints t(2n) / t(n) for every step; twice the
 * input may cost at most 2.5 times the time (n·log n doubles to a little
 * over 2; a square to 4). Exits 1 when a ratio is above that, naming the
 * step. A step whose time at 2n is under MIN_SECONDS is reported but not
 * judged (too short to measure on a shared machine). --scale multiplies
 * every n (default 1, what `meson test --benchmark growth` runs).
 *
 * On a machine loaded well beyond its cores, CPU time too varies from
 * run to run (caches and cores are shared): run it again, or with a
 * larger --repeat, before reading much into a ratio just above 2.5.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "zr-classifier.h"
#include "zr-database.h"
#include "zr-json.h"
#include "zr-library.h"
#include "zr-search.h"

#define MAX_RATIO   2.5
#define MIN_SECONDS 0.05

typedef void (*PageFunc) (GString *page,
                          guint    n);

typedef struct
{
  const char *name;
  const char *what;      /* n counts these */
  guint       n;         /* at --scale 1 */
  PageFunc    page;
  const char *pair;      /* searched: a two-character term in the page */
  const char *single;    /* and a one-character term */
} Family;

/* One article whose body is n sentences, in paragraphs of 50. */
static void
page_huge_article (GString *page,
                   guint    n)
{
  static const char *places[] = { "荷塘区", "芦淞区", "石峰区", "天元区", "渌口区" };

  g_string_append (page, "沿江风光带驿站全部建成\n\n");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (page, "%s城管队员第%u次来到驿站旁巡查，市民说环境好了不少。",
                              places[i % G_N_ELEMENTS (places)], i);
      if (i % 50 == 49)
        g_string_append (page, "\n\n");
    }
  g_string_append (page, "\n");
}

/* One line of n opening quotation marks, each before a word. */
static void
page_quote_line (GString *page,
                 guint    n)
{
  g_string_append (page, "引号很多的一行\n\n市民说：");
  for (guint i = 0; i < n; i++)
    g_string_append (page, i % 2 ? "“城管" : "“驿站");
  g_string_append (page, "。\n");
}

/* n lines of a few characters, no blank line between them. */
static void
page_short_lines (GString *page,
                  guint    n)
{
  g_string_append (page, "短行\n\n");
  for (guint i = 0; i < n; i++)
    g_string_append (page, i % 3 == 0 ? "城管来了\n" : (i % 3 == 1 ? "好\n" : "驿站。\n"));
}

/* One paragraph of n characters with no punctuation at all. */
static void
page_no_punctuation (GString *page,
                     guint    n)
{
  static const char *words[] = { "城管", "队员", "驿站", "市民", "芦淞区", "服装", "市场", "说" };
  guint chars = 0;

  g_string_append (page, "没有标点的一段\n\n据介绍");
  for (guint i = 0; chars < n; i++)
    {
      const char *word = words[(i * 7 + i / 8) % G_N_ELEMENTS (words)];
      g_string_append (page, word);
      chars += g_utf8_strlen (word, -1);
    }
  g_string_append (page, "\n");
}

/* Quotation marks nested n deep, around one short sentence. */
static void
page_nested_quotes (GString *page,
                    guint    n)
{
  g_string_append (page, "层层引号\n\n城管队员说：");
  for (guint i = 0; i < n; i++)
    g_string_append (page, i % 2 ? "‘驿站" : "“城管");
  g_string_append (page, "好");
  for (guint i = n; i-- > 0;)
    g_string_append (page, i % 2 ? "’" : "”");
  g_string_append (page, "。\n");
}

static const Family families[] = {
  { "huge-article", "sentences", 40000, page_huge_article, "城管", "驿" },
  { "quote-line", "quotation marks", 40000, page_quote_line, "城管", "驿" },
  { "short-lines", "lines", 200000, page_short_lines, "城管", "驿" },
  { "no-punctuation", "characters", 1000000, page_no_punctuation, "城管", "驿" },
  { "nested-quotes", "levels", 200000, page_nested_quotes, "城管", "驿" },
};

enum
{
  STEP_IMPORT,
  STEP_SEARCH,
  STEP_OPEN,
  N_STEPS
};

static const char *step_names[] = { "import", "search", "open" };

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-growth: %s: %s\n", what, error ? error->message : "failed");
  exit (2);
}

/* CPU time of the process, in microseconds: on a shared machine the
 * wall clock also measures the neighbours (a loaded 2-core builder gave
 * ratios from 0.6 to 5 for the same linear step). */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static double
seconds_since (gint64 start)
{
  return (cpu_now () - start) / 1e6;
}

static void
remove_library (const char *db_path)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db_path, suffixes[i], NULL);
      g_unlink (path);
    }
}

/* Runs @step once on a page of @family at size @n, in this process, and
 * returns its CPU time. The import writes the page and the library in
 * @dir; search and open, each in a process of its own, read that library
 * as the command-line tool would (in one process, what the import left
 * in SQLite's page cache and in the heap made a larger page look slower
 * than it is). */
static double
measure (const char   *dir,
         const Family *family,
         guint         n,
         guint         step)
{
  g_autofree char *db_path = g_build_filename (dir, "growth.db", NULL);
  g_autofree char *page_path = g_build_filename (dir, "page.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrClassifier) classifier = NULL;
  g_autoptr(ZrDatabase) db = NULL;
  g_autoptr(ZrLibrary) library = NULL;
  const char *queries[] = { family->pair, family->single };
  double seconds = 0;
  gint64 start;

  classifier = zr_classifier_new_default (&error);
  if (classifier == NULL)
    die ("classifier", error);

  if (step == STEP_IMPORT)
    {
      g_autoptr(GString) page = g_string_new (NULL);
      guint records = 0;

      family->page (page, n);
      if (!g_file_set_contents (page_path, page->str, page->len, &error))
        die (page_path, error);
      g_string_free (g_steal_pointer (&page), TRUE);
      remove_library (db_path);
      db = zr_database_open (db_path, &error);
      if (db == NULL)
        die (db_path, error);
      library = zr_library_new (db, classifier);

      start = cpu_now ();
      if (!zr_library_import_file (library, page_path, NULL, NULL, &records, &error))
        die (page_path, error);
      seconds = seconds_since (start);
      if (records == 0)
        die ("the page gave no record", NULL);
      g_unlink (page_path);
      return seconds;
    }

  db = zr_database_open (db_path, &error);
  if (db == NULL)
    die (db_path, error);

  if (step == STEP_SEARCH)
    {
      start = cpu_now ();
      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          g_autoptr(GPtrArray) hits = zr_search_run (db, queries[q], NULL, 50, &error);

          if (hits == NULL)
            die (queries[q], error);
          if (hits->len == 0)
            die ("a search found nothing (the page does not hold its term)", NULL);
          if (zr_search_count (db, queries[q], NULL, &error) == 0)
            die (queries[q], error);
        }
      return seconds_since (start);
    }

  {
    g_autoptr(ZrFilter) all = zr_filter_new ();
    g_autoptr(GArray) ids = NULL;

    library = zr_library_new (db, classifier);
    ids = zr_library_list_ids (library, all, 0, &error);
    if (ids == NULL)
      die ("list", error);
    start = cpu_now ();
    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(ZrArticle) article = zr_library_get_article (library, g_array_index (ids, gint64, i), &error);
        if (article == NULL)
          die ("open", error);
      }
    return seconds_since (start);
  }
}

/* Runs one step in a child process (see measure()). */
static double
measure_in_child (const char   *self,
                  const char   *dir,
                  const Family *family,
                  guint         n,
                  guint         step)
{
  g_autofree char *what = g_strdup_printf ("%s:%u:%s", family->name, n, step_names[step]);
  const char *child_argv[] = { self, "--dir", dir, "--measure", what, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  double seconds;

  if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     &output, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    die (what, error);
  if (sscanf (output, "%lf", &seconds) != 1)
    die (what, NULL);
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *json_path = NULL;
  g_autofree char *only = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *child = NULL;
  g_autofree char *self = NULL;
  double scale = 1.0;
  int repeat = 5;
  GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "Multiply every n by S (default 1)", "S" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Time each step R times, keep the fastest (default 5)", "R" },
    { "family", 0, 0, G_OPTION_ARG_STRING, &only, "Only this family", "NAME" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, "Write results as JSON here", "FILE" },
    { "dir", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &dir, NULL, NULL },
    { "measure", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) failures = g_string_new (NULL);
  ZrJson *json;

  /* the table prints × and · in the locale's characters */
  setlocale (LC_CTYPE, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error);
  if (scale <= 0 || repeat < 1)
    die ("options", NULL);

  if (child != NULL)
    {
      /* one step, in a process of its own: FAMILY:N:STEP */
      g_auto(GStrv) parts = g_strsplit (child, ":", 3);

      for (guint f = 0; g_strv_length (parts) == 3 && f < G_N_ELEMENTS (families); f++)
        for (guint step = 0; step < N_STEPS; step++)
          if (g_str_equal (parts[0], families[f].name) && g_str_equal (parts[2], step_names[step]))
            {
              g_print ("%.6f\n", measure (dir, &families[f], (guint) g_ascii_strtoull (parts[1], NULL, 10), step));
              return 0;
            }
      die (child, NULL);
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  dir = g_dir_make_tmp ("zr-bench-growth-XXXXXX", &error);
  if (dir == NULL)
    die ("temporary folder", error);

  json = zr_json_new (TRUE);
  zr_json_begin_object (json);
  zr_json_key (json, "max_ratio");
  zr_json_double (json, MAX_RATIO);
  zr_json_key (json, "families");
  zr_json_begin_array (json);

  g_print ("Growth: CPU time at 2n over CPU time at n (at most %.1f; fastest of %d runs)\n\n", MAX_RATIO, repeat);
  g_print ("%-15s %10s %8s  %-26s %-26s %-26s\n", "family", "n", "MB", "import s (2n/n)", "search s (2n/n)", "open s (2n/n)");

  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    {
      const Family *family = &families[f];
      guint n = MAX (1, (guint) (family->n * scale));
      double t[2][N_STEPS];
      double mb;

      if (only != NULL && g_strcmp0 (only, family->name) != 0)
        continue;

      {
        g_autoptr(GString) page = g_string_new (NULL);
        family->page (page, n);
        mb = page->len / (1024.0 * 1024.0);
      }
      for (guint k = 0; k < 2; k++)
        for (guint s = 0; s < N_STEPS; s++)
          t[k][s] = G_MAXDOUBLE;
      /* n and 2n in turn, so that a busy spell of the machine slows both */
      for (int r = 0; r < repeat; r++)
        for (guint k = 0; k < 2; k++)
          {
            for (guint step = 0; step < N_STEPS; step++)
              t[k][step] = MIN (t[k][step], measure_in_child (self, dir, family, n << k, step));
            {
              g_autofree char *db_path = g_build_filename (dir, "growth.db", NULL);
              remove_library (db_path);
            }
          }

      g_print ("%-15s %10u %8.2f", family->name, n, mb);
      zr_json_begin_object (json);
      zr_json_key (json, "family"); zr_json_string (json, family->name);
      zr_json_key (json, "n"); zr_json_int (json, n);
      zr_json_key (json, "counts"); zr_json_string (json, family->what);
      zr_json_key (json, "mb"); zr_json_double (json, mb);
      for (guint s = 0; s < N_STEPS; s++)
        {
          double ratio = t[1][s] / MAX (t[0][s], 1e-6);
          gboolean judged = t[1][s] >= MIN_SECONDS;
          gboolean ok = !judged || ratio <= MAX_RATIO;
          g_autofree char *cell = g_strdup_printf ("%.3f→%.3f (%.2f×)%s", t[0][s], t[1][s], ratio,
                                                   !judged ? " -" : (ok ? "" : " FAIL"));

          g_print ("  %-26s", cell);
          zr_json_key (json, step_names[s]);
          zr_json_begin_object (json);
          zr_json_key (json, "seconds_n"); zr_json_double (json, t[0][s]);
          zr_json_key (json, "seconds_2n"); zr_json_double (json, t[1][s]);
          zr_json_key (json, "ratio"); zr_json_double (json, ratio);
          zr_json_key (json, "judged"); zr_json_bool (json, judged);
          zr_json_end_object (json);
          if (!ok)
            g_string_append_printf (failures, "  %s: %s of %u %s takes %.2f× the time of %u\n",
                                    family->name, step_names[s], n * 2, family->what, ratio, n);
        }
      zr_json_end_object (json);
      g_print ("\n");
    }
  zr_json_end_array (json);
  zr_json_key (json, "ok");
  zr_json_bool (json, failures->len == 0);
  zr_json_end_object (json);
  {
    g_autofree char *text = zr_json_steal (json);
    if (json_path != NULL && !g_file_set_contents (json_path, text, -1, &error))
      die (json_path, error);
  }
  g_rmdir (dir);

  g_print ("\n(- : under %.0f ms at 2n, not judged)\n", MIN_SECONDS * 1000);
  if (failures->len > 0)
    {
      g_print ("Grows faster than n·log n:\n%s", failures->str);
      return 1;
    }
  g_print ("Every step grows at most n·log n.\n");
  return 0;
}
