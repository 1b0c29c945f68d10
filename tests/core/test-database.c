/* test-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "zr-database.h"

static void
test_open_memory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrDatabase) db = zr_database_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/database/open-memory", test_open_memory);
  return g_test_run ();
}
