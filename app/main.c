/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bm-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BmApplication) app = NULL;
  gint64 start_us = g_get_monotonic_time ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The body atlas is parsed when the first map needs it. Parsed on the
   * other core while GTK started up, the first frame came no sooner (the
   * display server needs that core too) and the thread's memory arena
   * cost about 1 MiB */
  app = bm_application_new ();
  bm_application_set_start_time (app, start_us);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
