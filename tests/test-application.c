/* test-application.c: what the app needs when it runs from the build
 * folder (its icon, its translations) and the print preview's failure,
 * under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "bm-application.h"
#include "bm-print.h"

#include "bm-test-files.h"
#include "bm-test-gui.h"

/* The About window names the icon APP_ID: it is in the resources, where
 * GtkApplication looks (<resource-base-path>/icons), so it shows without
 * an install */
static void
test_icon_in_resources (void)
{
  g_autoptr(BmApplication) app = bm_application_new ();
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autofree char *icons = NULL;
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  g_assert_true (g_resources_get_info (RESOURCE_PREFIX "/icons/scalable/apps/" APP_ID ".svg",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL));
  g_assert_true (g_resources_get_info (RESOURCE_PREFIX "/icons/symbolic/apps/" APP_ID "-symbolic.svg",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL));
  g_assert_cmpstr (g_application_get_resource_base_path (G_APPLICATION (app)), ==, RESOURCE_PREFIX);

  /* What GtkApplication's start-up does with the base path */
  icons = g_strconcat (g_application_get_resource_base_path (G_APPLICATION (app)), "/icons", NULL);
  gtk_icon_theme_add_resource_path (theme, icons);
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  icon = gtk_icon_theme_lookup_icon (theme, APP_ID, NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
  file = gtk_icon_paintable_get_file (icon);
  uri = file != NULL ? g_file_get_uri (file) : NULL;
  g_assert_true (g_str_has_prefix (uri, "resource://" RESOURCE_PREFIX "/icons/"));
}

/* make run sets BODYMAP_LOCALEDIR to the build's po/ folder: the app then
 * reads the translations built there */
static void
test_build_translations (void)
{
  g_autofree char *po_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (po_dir, "es", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(BmApplication) app = NULL;
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));

  g_assert_true (g_file_test (mo, G_FILE_TEST_EXISTS));
  g_setenv ("BODYMAP_LOCALEDIR", po_dir, TRUE);
  app = bm_application_new ();
  g_assert_cmpstr (bindtextdomain (GETTEXT_PACKAGE, NULL), ==, po_dir);

  g_setenv ("LANGUAGE", "es", TRUE);
  setlocale (LC_ALL, "");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Could Not Print"), ==, "No se pudo imprimir");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Marked Areas"), ==, "Zonas marcadas");

  if (saved_language != NULL)
    g_setenv ("LANGUAGE", saved_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_unsetenv ("BODYMAP_LOCALEDIR");
  setlocale (LC_ALL, "");
}

/* A preview file as the print dialog's Preview makes it */
static char *
make_temp_pdf (void)
{
  g_autoptr(GError) error = NULL;
  char *path = bm_print_create_preview_file (".pdf", &error);

  g_assert_no_error (error);
  g_assert_nonnull (path);
  return path;
}

/* The preview, health data, goes to a folder of the user's own, never to
 * the shared temporary folder; old leftovers are swept, recent ones kept */
static void
test_preview_file_private (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_runtime_dir (), "bodymap", "preview", NULL);
  g_autofree char *first = make_temp_pdf ();
  g_autofree char *stale = g_build_filename (dir, "preview-old123.pdf", NULL);
  g_autofree char *recent = g_build_filename (dir, "preview-new123.pdf", NULL);
  g_autofree char *other = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *second = NULL;
  GStatBuf st;

  g_assert_true (g_str_has_prefix (first, dir));
  g_assert_true (g_str_has_suffix (first, ".pdf"));
  g_assert_cmpint (g_stat (first, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  bm_test_write_aged_file (stale, 2 * 24 * 3600);
  g_assert_true (g_file_set_contents (recent, "%PDF", -1, NULL));
  bm_test_write_aged_file (other, 2 * 24 * 3600);
  second = make_temp_pdf ();
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (recent, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (first, G_FILE_TEST_EXISTS));

  g_unlink (first);
  g_unlink (second);
  g_unlink (recent);
  g_unlink (other);
}

/* With no previewer, Preview says why and leaves no PDF behind */
static void
test_preview_without_previewer (void)
{
  GtkWidget *window = gtk_window_new ();
  g_autofree char *pdf = make_temp_pdf ();
  AdwMessageDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  g_setenv ("BODYMAP_PREVIEW_COMMAND", "bodymap-no-such-previewer --preview %f", TRUE);
  g_assert_false (bm_print_show_preview (GTK_WINDOW (window), pdf, NULL));
  g_unsetenv ("BODYMAP_PREVIEW_COMMAND");
  bm_test_iterate ();

  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  dialog = bm_test_find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Show the Preview");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "bodymap-no-such-previewer"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Export Plan as PDF"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  bm_test_iterate ();
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A previewer that starts gets the PDF; it goes when the previewer exits */
static void
test_preview_removes_pdf_after (void)
{
  g_autofree char *pdf = make_temp_pdf ();
  g_autofree char *seen = g_strconcat (pdf, ".seen", NULL);
  g_autofree char *command = g_strdup_printf ("sh -c 'cp \"$0\" %s' %%f", seen);
  gboolean timed_out = FALSE;
  guint id;

  g_assert_true (g_file_set_contents (pdf, "%PDF-1.5 test", -1, NULL));
  g_setenv ("BODYMAP_PREVIEW_COMMAND", command, TRUE);
  g_assert_true (bm_print_show_preview (NULL, pdf, NULL));
  g_unsetenv ("BODYMAP_PREVIEW_COMMAND");

  id = g_timeout_add (5000, on_timeout_cb, &timed_out);
  while (!timed_out && g_file_test (pdf, G_FILE_TEST_EXISTS))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);

  g_assert_true (g_file_test (seen, G_FILE_TEST_EXISTS));
  g_assert_null (bm_test_find_dialog ());
  g_unlink (seen);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (bm_ui_get_resource ());

  g_test_add_func ("/application/icon-in-resources", test_icon_in_resources);
  g_test_add_func ("/application/build-translations", test_build_translations);
  g_test_add_func ("/application/preview/private-file", test_preview_file_private);
  g_test_add_func ("/application/preview/no-previewer", test_preview_without_previewer);
  g_test_add_func ("/application/preview/removes-pdf", test_preview_removes_pdf_after);

  return g_test_run ();
}
