/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bm-application.h"
#include "bm-atlas.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BmApplication) app = NULL;
  gint64 start_us = g_get_monotonic_time ();
  GThread *atlas_loader;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The body atlas is parsed on the other core while GTK starts up */
  atlas_loader = bm_atlas_preload_default ();

  app = bm_application_new ();
  bm_application_set_start_time (app, start_us);
  status = g_application_run (G_APPLICATION (app), argc, argv);

  g_thread_join (atlas_loader);
  return status;
}
