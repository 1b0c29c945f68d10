/* replay-main.c: feeds saved inputs to a fuzz harness, as a TAP test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: replay-HARNESS DIR-OR-FILE…  Every file (not starting with '.')
 * under the given folders is one subtest. A harness that crashes or fails
 * an assertion ends the run, so the test fails with the input's name as the
 * last line printed. This is how a crash the fuzzer once found stays fixed
 * in every build, clang or not (tests/fuzz/regressions/HARNESS/).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "zr-fuzz.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && g_strcmp0 (name, "README.md") != 0)
      g_ptr_array_add (names, g_strdup (name));
  /* Sorted, so the subtest numbers of a run can be compared with another. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, (const char *) g_ptr_array_index (names, i), NULL);
      collect (child, files);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *harness = g_path_get_basename (argv[0]);

  for (int i = 1; i < argc; i++)
    collect (argv[i], files);

  printf ("TAP version 13\n");
  if (files->len == 0)
    {
      printf ("1..0 # SKIP no saved inputs\n");
      return 0;
    }

  printf ("1..%u\n", files->len);
  fflush (stdout);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *parent = g_path_get_dirname (path);
      g_autofree char *group = g_path_get_basename (parent);
      gsize len = 0;

      if (!g_file_get_contents (path, &contents, &len, &error))
        {
          printf ("not ok %u - %s/%s: %s\n", i + 1, group, base, error->message);
          continue;
        }
      /* Name the input first: if it crashes, the log says which one. */
      fprintf (stderr, "# %s: %s\n", harness, path);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
      printf ("ok %u - %s/%s\n", i + 1, group, base);
      fflush (stdout);
    }
  return 0;
}
