/* bm-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-application"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <stdio.h>

#include "bm-advisor.h"
#include "bm-application.h"
#include "bm-atlas.h"
#include "bm-check-in-window.h"
#include "bm-first-frame.h"
#include "bm-history.h"
#include "bm-intake-io.h"
#include "bm-library-cli.h"
#include "bm-plan-document.h"
#include "bm-window.h"

struct _BmApplication
{
  AdwApplication parent_instance;

  gint64         start_us;   /* when main() started, for the benchmark */
};

G_DEFINE_FINAL_TYPE (BmApplication, bm_application, ADW_TYPE_APPLICATION)

GResource *bm_ui_get_resource (void);

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "list-regions", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the body regions (id, name, views, paired or midline) and exit"), NULL },
  { "plan", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Print the treatment plan for an intake file and exit"), N_("FILE") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Format of --plan: json (the default) or text"), N_("FORMAT") },
  /* Handled in local_command_line, which also needs the intake file */
  { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the printable treatment plan of FILE as a PDF to OUT and exit"), N_("OUT") },
  /* The library commands are handled in local_command_line too: these
   * entries are for --help */
  { "library", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the clinic library in DIR (a folder or a location) for this run"), N_("DIR") },
  { "import", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("File the intake files given as visits in the library and exit"), NULL },
  { "list-clients", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("List the library’s clients and exit"), NULL },
  { "history", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Print every visit of a client of the library and exit"), N_("CLIENT-ID") },
  { "check-in", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start the clinic’s check-in for clients, full screen (leaving it needs the staff passcode)"), NULL },
  { NULL }
};

/* bodymap --plan FILE [--format=json|text]: no display needed. Exit
 * status 0, or 1 with one line on stderr. */
static int
print_plan (GVariantDict *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(BmPlan) plan = NULL;
  g_autofree char *out = NULL;
  const char *path = NULL;
  const char *format = "json";

  g_variant_dict_lookup (options, "format", "&s", &format);
  if (!g_str_equal (format, "json") && !g_str_equal (format, "text"))
    {
      g_autofree char *valid = g_utf8_make_valid (format, -1);

      g_printerr (_("--format: must be json or text, got “%s”\n"), g_strdelimit (valid, "\r\n", ' '));
      return 1;
    }
  if (!g_variant_dict_lookup (options, "plan", "^&ay", &path) || *path == '\0')
    {
      g_printerr ("%s\n", _("--format needs --plan FILE"));
      return 1;
    }

  file = g_file_new_for_path (path);
  intake = bm_intake_load_file (file, &error);
  if (intake == NULL)
    {
      g_printerr ("%s\n", g_strdelimit (error->message, "\r\n", ' '));
      return 1;
    }

  plan = bm_library_advise (NULL, intake, file);
  if (g_str_equal (format, "json"))
    {
      /* The contract is UTF-8 whatever the locale: no conversion */
      out = bm_plan_to_json (plan);
      fputs (out, stdout);
    }
  else
    {
      out = bm_plan_to_text (plan);
      g_print ("%s", out);
    }
  fflush (stdout);
  return 0;
}

static int
bm_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("bodymap %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "list-regions"))
    {
      g_autoptr(GString) out = g_string_new (NULL);

      bm_application_print_regions (out);
      g_print ("%s", out->str);
      return 0;
    }

  if (g_variant_dict_contains (options, "plan") || g_variant_dict_contains (options, "format"))
    return print_plan (options);

  /* --library DIR for the windows of this run */
  {
    const char *library = NULL;

    if (g_variant_dict_lookup (options, "library", "^&ay", &library) && *library)
      g_object_set_data_full (G_OBJECT (app), "bm-library", g_strdup (library), g_free);
  }

  /* --check-in: in the running app if there is one, else in this one */
  if (g_variant_dict_contains (options, "check-in"))
    {
      const char *library = g_object_get_data (G_OBJECT (app), "bm-library");
      g_autoptr(GFile) file = library ? g_file_new_for_commandline_arg (library) : NULL;
      g_autofree char *location = file ? g_file_get_uri (file) : g_strdup ("");

      if (!g_application_register (app, NULL, NULL) || !g_application_get_is_remote (app))
        g_object_set_data (G_OBJECT (app), "bm-check-in", GINT_TO_POINTER (TRUE));
      else
        {
          g_action_group_activate_action (G_ACTION_GROUP (app), "check-in", g_variant_new_string (location));
          return 0;
        }
    }

  return G_APPLICATION_CLASS (bm_application_parent_class)->handle_local_options (app, options);
}

/* bodymap --export-pdf OUT.pdf FILE: no display needed. Exit status 1
 * and one line on stderr for bad input. */
static int
export_pdf (const char *out_path,
            const char *intake_path)
{
  g_autoptr(GFile) intake_file = g_file_new_for_commandline_arg (intake_path);
  g_autoptr(GFile) out = g_file_new_for_commandline_arg (out_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BmIntake) intake = NULL;
  g_autoptr(BmPlan) plan = NULL;
  g_autoptr(BmLibrary) library = NULL;
  g_autoptr(BmHistory) history = NULL;

  if (!(intake = bm_intake_load_file (intake_file, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  plan = bm_library_advise (NULL, intake, intake_file);
  /* A visit of a library: the progress chart of the client's visits */
  if ((library = bm_library_find_for_file (intake_file, intake)) != NULL)
    history = bm_history_load_through (library, intake, plan);
  if (!bm_plan_export_pdf_with_history (intake, plan, history, out, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* The value of option @name at argv[*i] ("--name VALUE" or "--name=VALUE"):
 * TRUE when argv[*i] is that option; *value is NULL when it is missing */
static gboolean
option_value (char       **argv,
              guint       *i,
              const char  *name,
              const char **value)
{
  gsize len = strlen (name);

  if (!g_str_has_prefix (argv[*i], name))
    return FALSE;
  if (argv[*i][len] == '=')
    {
      *value = argv[*i] + len + 1;
      return TRUE;
    }
  if (argv[*i][len] != '\0')
    return FALSE;
  *value = argv[*i + 1];
  if (*value != NULL)
    (*i)++;
  return TRUE;
}

/* --import, --list-clients, --history, and --plan or --export-pdf with a
 * client of --library DIR: no display needed. FALSE when the command line
 * is none of these. */
static gboolean
library_command_line (char **argv,
                      int   *exit_status)
{
  const char *library_path = NULL, *format = NULL, *history = NULL, *plan = NULL, *out = NULL;
  gboolean has_library = FALSE, import = FALSE, list = FALSE, has_history = FALSE;
  gboolean has_plan = FALSE, has_export = FALSE, has_format = FALSE;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(BmLibrary) library = NULL;
  const char *unknown = NULL;

  for (guint i = 1; argv[i] != NULL; i++)
    {
      if (option_value (argv, &i, "--library", &library_path))
        has_library = TRUE;
      else if (option_value (argv, &i, "--format", &format))
        has_format = TRUE;
      else if (option_value (argv, &i, "--history", &history))
        has_history = TRUE;
      else if (option_value (argv, &i, "--plan", &plan))
        has_plan = TRUE;
      else if (option_value (argv, &i, "--export-pdf", &out))
        has_export = TRUE;
      else if (g_str_equal (argv[i], "--import"))
        import = TRUE;
      else if (g_str_equal (argv[i], "--list-clients"))
        list = TRUE;
      else if (g_str_equal (argv[i], "--"))
        {
          for (i++; argv[i] != NULL; i++)
            g_ptr_array_add (files, argv[i]);
          break;
        }
      else if (argv[i][0] == '-' && argv[i][1] != '\0' && unknown == NULL)
        unknown = argv[i];
      else
        g_ptr_array_add (files, argv[i]);
    }

  /* A FILE for --plan or --export-pdf still works as before */
  if (!import && !list && !has_history && !(has_library && (has_plan || has_export)))
    return FALSE;

  if (unknown != NULL)
    {
      g_printerr (_("Unknown option %s\n"), unknown);
      *exit_status = 1;
      return TRUE;
    }
  if (import + list + has_history + has_plan + has_export > 1)
    {
      g_printerr ("%s\n", _("Give one of --import, --list-clients, --history, --plan or --export-pdf"));
      *exit_status = 1;
      return TRUE;
    }
  if (has_format && format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    {
      g_autofree char *valid = g_utf8_make_valid (format, -1);

      g_printerr (_("--format: must be json or text, got “%s”\n"), g_strdelimit (valid, "\r\n", ' '));
      *exit_status = 1;
      return TRUE;
    }
  if (has_library && library_path == NULL)
    {
      g_printerr ("%s\n", _("--library: needs a folder"));
      *exit_status = 1;
      return TRUE;
    }
  if (!(library = bm_library_cli_open (library_path)))
    {
      *exit_status = 1;
      return TRUE;
    }
  g_ptr_array_add (files, NULL);

  if (import)
    *exit_status = bm_library_cli_import (library, (const char * const *) files->pdata);
  else if (list)
    *exit_status = bm_library_cli_list_clients (library, format ? format : "text");
  else if (has_history)
    *exit_status = bm_library_cli_history (library, history, format ? format : "json");
  else
    {
      const char *target = has_plan ? plan : (files->len == 2 ? files->pdata[0] : NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(BmIntake) intake = NULL;
      g_autoptr(BmPlan) advice = NULL;

      if (target == NULL || (has_export && (out == NULL || files->len != 2)))
        {
          g_printerr ("%s\n", has_export ? _("Usage: bodymap --export-pdf OUT.pdf CLIENT-ID --library DIR")
                                        : _("Usage: bodymap --plan CLIENT-ID --library DIR"));
          *exit_status = 1;
          return TRUE;
        }
      if (g_file_test (target, G_FILE_TEST_EXISTS))
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (target);

          intake = bm_intake_load_file (file, &error);
        }
      else
        intake = bm_library_load_latest_visit (library, target, &error);
      if (intake == NULL)
        {
          g_printerr ("%s\n", g_strdelimit (error->message, "\r\n", ' '));
          *exit_status = 1;
          return TRUE;
        }
      if (g_file_test (target, G_FILE_TEST_EXISTS))
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (target);

          advice = bm_library_advise (NULL, intake, file);
        }
      else
        advice = bm_library_advise (library, intake, NULL);
      if (has_export)
        {
          g_autoptr(GFile) out_file = g_file_new_for_commandline_arg (out);
          g_autoptr(GFile) target_file = g_file_new_for_commandline_arg (target);
          g_autoptr(BmLibrary) own = NULL;
          g_autoptr(BmHistory) visits = NULL;
          BmLibrary *of_visit = library;

          /* The progress chart: the client's visits up to this one */
          if (g_file_test (target, G_FILE_TEST_EXISTS))
            of_visit = own = bm_library_find_for_file (target_file, intake);
          if (of_visit != NULL)
            visits = bm_history_load_through (of_visit, intake, advice);
          *exit_status = 0;
          if (!bm_plan_export_pdf_with_history (intake, advice, visits, out_file, &error))
            {
              g_printerr ("%s\n", error->message);
              *exit_status = 1;
            }
        }
      else
        {
          g_autofree char *text = g_strcmp0 (format, "text") == 0 ? bm_plan_to_text (advice)
                                                                 : bm_plan_to_json (advice);

          fputs (text, stdout);
          fflush (stdout);
          *exit_status = 0;
        }
    }
  return TRUE;
}

static gboolean
bm_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  char **argv = *arguments;

  if (library_command_line (argv, exit_status))
    return TRUE;
  const char *out = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  gboolean export = FALSE;

  for (guint i = 1; argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "--export-pdf"))
        {
          export = TRUE;
          out = argv[i + 1];
          if (out != NULL)
            i++;
        }
      else if (g_str_has_prefix (argv[i], "--export-pdf="))
        {
          export = TRUE;
          out = argv[i] + strlen ("--export-pdf=");
        }
      else
        g_ptr_array_add (files, argv[i]);
    }

  if (!export)
    return G_APPLICATION_CLASS (bm_application_parent_class)->local_command_line (app, arguments, exit_status);

  if (out == NULL || *out == '\0' || files->len != 1 || ((char *) files->pdata[0])[0] == '-')
    {
      g_printerr ("%s\n", _("Usage: bodymap --export-pdf OUT.pdf FILE.bodymap"));
      *exit_status = 1;
      return TRUE;
    }

  *exit_status = export_pdf (out, files->pdata[0]);
  return TRUE;
}

/* The window to show, and whether it was just created */
static BmWindow *
ensure_window (GApplication *app,
               gboolean     *created)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  *created = window == NULL;
  if (window == NULL)
    {
      window = GTK_WINDOW (bm_window_new (GTK_APPLICATION (app)));
      bm_first_frame_probe (window, BM_APPLICATION (app)->start_us);
    }
  return BM_WINDOW (window);
}

static void
bm_application_activate (GApplication *app)
{
  gboolean created;
  BmWindow *window;
  BmCheckInWindow *check_in = bm_check_in_window_find (GTK_APPLICATION (app));

  /* While check-in runs, nothing else shows */
  if (check_in != NULL)
    {
      gtk_window_present (GTK_WINDOW (check_in));
      return;
    }
  if (g_object_steal_data (G_OBJECT (app), "bm-check-in"))
    {
      g_action_group_activate_action (G_ACTION_GROUP (app), "check-in", g_variant_new_string (""));
      return;
    }

  window = ensure_window (app, &created);
  gtk_window_present (GTK_WINDOW (window));
  if (created)
    bm_window_offer_draft (window);
}

static void
bm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  gboolean created;
  BmWindow *window;
  BmCheckInWindow *check_in = bm_check_in_window_find (GTK_APPLICATION (app));

  if (check_in != NULL)
    {
      gtk_window_present (GTK_WINDOW (check_in));
      return;
    }
  window = ensure_window (app, &created);

  /* One document a window: the first file here, the others in new ones */
  gtk_window_present (GTK_WINDOW (window));
  if (n_files > 0)
    bm_window_open (window, files[0]);
  for (int i = 1; i < n_files; i++)
    {
      BmWindow *other = bm_window_new (GTK_APPLICATION (app));

      gtk_window_present (GTK_WINDOW (other));
      bm_window_open (other, files[i]);
    }
  if (created)
    bm_window_offer_draft (window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Each window gets to close itself (and later, to ask about unsaved work) */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Body Map developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Body Map"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Mark where it hurts before a sports massage, and get a treatment plan"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "copyright", "© 2026 The Body Map developers",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
bm_application_startup (GApplication *app)
{
  static const char *undo_accels[] = { "<Control>z", NULL };
  static const char *redo_accels[] = { "<Control><Shift>z", "<Control>y", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *save_accels[] = { "<Control>s", NULL };
  static const char *save_as_accels[] = { "<Control><Shift>s", NULL };
  static const char *print_accels[] = { "<Control>p", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (bm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  bm_check_in_install_actions (GTK_APPLICATION (app));
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.redo", redo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save", save_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save-as", save_as_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.print", print_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", shortcuts_accels);
}

static void
bm_application_class_init (BmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = bm_application_handle_local_options;
  app_class->local_command_line = bm_application_local_command_line;
  app_class->activate = bm_application_activate;
  app_class->open = bm_application_open;
  app_class->startup = bm_application_startup;
}

/* Run from the build folder (make run), the translations are the build's:
 * BODYMAP_LOCALEDIR points at its po/ folder, which holds
 * <lang>/LC_MESSAGES/bodymap.mo as an install would */
static void
bind_build_translations (void)
{
  const char *dir = g_getenv ("BODYMAP_LOCALEDIR");

  if (dir != NULL && *dir != '\0')
    {
      bindtextdomain (GETTEXT_PACKAGE, dir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
    }
}

static void
bm_application_init (BmApplication *self)
{
  bind_build_translations ();

  /* Keeps the UI resources linked in from the static library */
  g_assert (bm_ui_get_resource () != NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Mark where it hurts on a body map and plan a sports massage."));
}

BmApplication *
bm_application_new (void)
{
  return g_object_new (BM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

void
bm_application_print_regions (GString *out)
{
  BmAtlas *atlas = bm_atlas_get_default ();
  guint n = bm_atlas_get_n_regions (atlas);

  for (guint i = 0; i < n; i++)
    {
      const BmRegion *region = bm_atlas_get_region (atlas, i);
      g_autoptr(GString) views = g_string_new (NULL);

      for (guint v = 0; v < bm_atlas_get_n_views (atlas); v++)
        if (bm_region_in_view (region, v))
          g_string_append_printf (views, "%s%s", views->len ? "," : "", bm_atlas_get_view_id (atlas, v));

      g_string_append_printf (out, "%s\t%s\t%s\t%s\n",
                              bm_region_get_id (region),
                              bm_region_get_name (region),
                              views->str,
                              bm_region_is_paired (region) ? "paired" : "midline");
    }
}

void
bm_application_set_start_time (BmApplication *self,
                               gint64         start_us)
{
  g_return_if_fail (BM_IS_APPLICATION (self));
  self->start_us = start_us;
}
