/* bm-print.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-print"

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bm-history.h"
#include "bm-plan-document.h"
#include "bm-print.h"
#include "bm-settings.h"

typedef struct
{
  GtkWindow      *parent;    /* weak */
  BmIntake       *intake;
  BmPlan         *plan;
  BmPlanDocument *document;
  BmLibrary      *library;   /* of the visit; NULL: none */
  BmHistory      *history;   /* for the progress chart, read when first laid out */
  gboolean        history_read;
  gboolean        error_shown;
  gboolean        previewed;  /* the run showed a preview: nothing was sent */
  gboolean        reported;
  BmPrintSentFunc sent;
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_clear_weak_pointer (&job->parent);
  g_clear_object (&job->intake);
  g_clear_pointer (&job->plan, bm_plan_free);
  g_clear_pointer (&job->document, bm_plan_document_free);
  g_clear_pointer (&job->history, bm_history_free);
  g_clear_object (&job->library);
  g_free (job);
}

/* The client's visits up to this one, read once per print */
static const BmHistory *
get_history (PrintJob *job)
{
  if (!job->history_read && job->library != NULL)
    job->history = bm_history_load_through (job->library, job->intake, job->plan);
  job->history_read = TRUE;
  return job->history;
}

static char *
dup_settings_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "bodymap", "page-setup.ini", NULL);
}

/* The remembered page setup, or the locale's paper (A4 or Letter) */
static void
load_settings (GtkPageSetup     **page_setup,
               GtkPrintSettings **settings)
{
  g_autofree char *path = dup_settings_path ();
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  g_autoptr(GSettings) app_settings = bm_settings_new ();

  *page_setup = NULL;
  *settings = NULL;
  if (g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    {
      *page_setup = gtk_page_setup_new_from_key_file (key_file, NULL, NULL);
      *settings = gtk_print_settings_new_from_key_file (key_file, NULL, NULL);
      /* Files from before the output file was left out of them */
      if (*settings != NULL)
        gtk_print_settings_unset (*settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
    }

  /* The page setup lives in GSettings when the schema is installed */
  if (app_settings != NULL)
    {
      g_autoptr(GVariant) stored = g_settings_get_value (app_settings, "page-setup");

      if (g_variant_n_children (stored) > 0)
        {
          GtkPageSetup *from_settings = gtk_page_setup_new_from_gvariant (stored);

          if (from_settings != NULL)
            {
              g_clear_object (page_setup);
              *page_setup = from_settings;
            }
        }
    }

  if (*page_setup == NULL)
    {
      g_autoptr(GtkPaperSize) paper = NULL;
      double width, height;

      bm_plan_document_get_default_page_size (&width, &height);
      paper = gtk_paper_size_new (width < 600 ? GTK_PAPER_NAME_A4 : GTK_PAPER_NAME_LETTER);
      *page_setup = gtk_page_setup_new ();
      gtk_page_setup_set_paper_size_and_default_margins (*page_setup, paper);
    }
}

static void
save_settings (GtkPrintOperation *operation)
{
  g_autofree char *path = dup_settings_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  GtkPageSetup *page_setup = gtk_print_operation_get_default_page_setup (operation);
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);

  if (settings != NULL)
    {
      /* The page setup chosen in the dialog travels in the settings */
      g_autoptr(GtkPageSetup) chosen = gtk_page_setup_new ();
      GtkPaperSize *paper = gtk_print_settings_get_paper_size (settings);

      if (paper != NULL)
        {
          gtk_page_setup_set_paper_size (chosen, paper);
          gtk_page_setup_set_orientation (chosen, gtk_print_settings_get_orientation (settings));
          gtk_page_setup_to_key_file (chosen, key_file, NULL);
          gtk_paper_size_free (paper);
        }
      else if (page_setup != NULL)
        gtk_page_setup_to_key_file (page_setup, key_file, NULL);
      /* Not where the last plan was printed to a file: that names a
       * client's file, and the folder may be gone by the next print,
       * which would then fail */
      {
        g_autoptr(GtkPrintSettings) kept = gtk_print_settings_copy (settings);

        gtk_print_settings_unset (kept, GTK_PRINT_SETTINGS_OUTPUT_URI);
        gtk_print_settings_unset (kept, GTK_PRINT_SETTINGS_OUTPUT_BASENAME);
        gtk_print_settings_unset (kept, GTK_PRINT_SETTINGS_OUTPUT_DIR);
        gtk_print_settings_to_key_file (kept, key_file, NULL);
      }
    }
  else if (page_setup != NULL)
    gtk_page_setup_to_key_file (page_setup, key_file, NULL);

  {
    g_autoptr(GSettings) app_settings = bm_settings_new ();
    g_autoptr(GtkPageSetup) remembered = gtk_page_setup_new_from_key_file (key_file, NULL, NULL);

    if (app_settings != NULL && remembered != NULL)
      g_settings_set_value (app_settings, "page-setup", gtk_page_setup_to_gvariant (remembered));
  }

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_key_file_save_to_file (key_file, path, &error))
    g_message ("Could not remember the page setup in %s: %s", path,
               error ? error->message : g_strerror (errno));
}

static void
show_error (PrintJob     *job,
            const GError *error)
{
  GtkWidget *dialog;

  if (job->error_shown)
    return;
  job->error_shown = TRUE;

  dialog = adw_message_dialog_new (job->parent, _("Could Not Print"),
                                   error ? error->message : _("The printing system reported an error."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_operation_begin_print_cb (GtkPrintOperation *operation,
                             GtkPrintContext   *context,
                             PrintJob          *job)
{
  /* The unit is points and the context covers the whole paper, so the
   * document's own margins apply, as in the PDF */
  g_clear_pointer (&job->document, bm_plan_document_free);
  job->document = bm_plan_document_new_with_history (job->intake, job->plan, get_history (job),
                                                     gtk_print_context_get_width (context),
                                                     gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, bm_plan_document_get_n_pages (job->document));
}

static void
on_operation_draw_page_cb (GtkPrintOperation *operation,
                           GtkPrintContext   *context,
                           int                page_nr,
                           PrintJob          *job)
{
  g_return_if_fail (job->document != NULL);

  if (page_nr >= 0 && (guint) page_nr < bm_plan_document_get_n_pages (job->document))
    bm_plan_document_draw_page (job->document, gtk_print_context_get_cairo_context (context),
                                (guint) page_nr);
}

/* The pages went to the printer (or its file): once, never for a preview */
static void
report_sent (GtkPrintOperation *operation,
             PrintJob          *job)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);

  if (job->reported || job->previewed || job->sent == NULL || job->parent == NULL)
    return;
  job->reported = TRUE;
  job->sent (job->parent, settings ? gtk_print_settings_get_printer (settings) : NULL);
}

static void
on_operation_done_cb (GtkPrintOperation       *operation,
                      GtkPrintOperationResult  result,
                      PrintJob                *job)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      save_settings (operation);
      report_sent (operation, job);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error (job, error);
    }
}

/* The files of a preview, removed when the previewer exits */
typedef struct
{
  char *pdf_path;
  char *settings_path;
} PreviewFiles;

static void
preview_files_free (PreviewFiles *files)
{
  if (files->pdf_path != NULL)
    g_unlink (files->pdf_path);
  if (files->settings_path != NULL)
    g_unlink (files->settings_path);
  g_free (files->pdf_path);
  g_free (files->settings_path);
  g_free (files);
}

static void
on_previewer_exited_cb (GPid     pid,
                        int      status,
                        gpointer user_data)
{
  g_spawn_close_pid (pid);
  preview_files_free (user_data);
}

/* @command with %f the PDF and %s the print settings, as
 * GtkSettings:gtk-print-preview-command has them */
static char *
substitute_command (const char *command,
                    const char *pdf_path,
                    const char *settings_path)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *c = command; *c; c++)
    {
      if (c[0] == '%' && (c[1] == 'f' || c[1] == 's'))
        {
          g_autofree char *quoted = g_shell_quote (c[1] == 'f' ? pdf_path
                                                   : settings_path ? settings_path : "");

          g_string_append (out, quoted);
          c++;
        }
      else
        g_string_append_c (out, *c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define PREVIEW_KEEP_USEC (24 * G_TIME_SPAN_HOUR)

/* Previews the previewer never let go of (Body Map or the previewer ended
 * early): a day is longer than anyone reads a preview */
static void
remove_old_previews (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time ();
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, "preview-"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == getuid () &&
          now - (gint64) st.st_mtime * G_USEC_PER_SEC > PREVIEW_KEEP_USEC)
        g_unlink (path);
    }
}

char *
bm_print_create_preview_file (const char  *suffix,
                              GError     **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_runtime_dir (), "bodymap", "preview", NULL);
  g_autofree char *name = g_strconcat ("preview-XXXXXX", suffix ? suffix : "", NULL);
  char *path;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", dir, g_strerror (saved));
      return NULL;
    }
  g_chmod (dir, 0700);
  remove_old_previews (dir);

  path = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", path, g_strerror (saved));
      g_free (path);
      return NULL;
    }
  g_close (fd, NULL);
  return path;
}

static char *
dup_preview_command (GtkWindow *parent)
{
  const char *from_env = g_getenv ("BODYMAP_PREVIEW_COMMAND");
  GtkSettings *settings;
  char *command = NULL;

  if (from_env != NULL && *from_env != '\0')
    return g_strdup (from_env);
  settings = parent != NULL ? gtk_widget_get_settings (GTK_WIDGET (parent)) : gtk_settings_get_default ();
  g_object_get (settings, "gtk-print-preview-command", &command, NULL);
  return command;
}

gboolean
bm_print_show_preview (GtkWindow  *parent,
                       const char *pdf_path,
                       const char *settings_path)
{
  PreviewFiles *files;
  g_autofree char *command = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_return_val_if_fail (pdf_path != NULL, FALSE);

  files = g_new0 (PreviewFiles, 1);
  files->pdf_path = g_strdup (pdf_path);
  files->settings_path = g_strdup (settings_path);

  command = dup_preview_command (parent);
  line = substitute_command (command != NULL ? command : "", pdf_path, settings_path);
  if (g_shell_parse_argv (line, NULL, &argv, &error) &&
      g_spawn_async (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                     NULL, NULL, &pid, &error))
    {
      g_child_watch_add (pid, on_previewer_exited_cb, files);
      return TRUE;
    }

  /* GTK would only log this and leave the PDF behind */
  preview_files_free (files);
  {
    GtkWidget *dialog;
    g_autofree char *program = argv != NULL && argv[0] != NULL ? g_strdup (argv[0]) : g_strdup (line);
    g_autofree char *body = g_strdup_printf (_("The preview needs a program that shows PDF files, "
                                               "“%s”, and it could not be started: %s\n\n"
                                               "Install a document viewer such as Evince, or use "
                                               "Export Plan as PDF from the main menu and open the file."),
                                             program, error->message);

    dialog = adw_message_dialog_new (parent, _("Could Not Show the Preview"), body);
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
    gtk_window_present (GTK_WINDOW (dialog));
  }
  return FALSE;
}

typedef struct
{
  GtkPrintOperationPreview *preview;
  GtkWindow                *parent;   /* weak */
  char                     *pdf_path;
  char                     *settings_path;
} PendingPreview;

static gboolean
finish_preview_cb (gpointer data)
{
  PendingPreview *pending = data;

  /* Ends the operation's preview run; "done" follows */
  gtk_print_operation_preview_end_preview (pending->preview);
  bm_print_show_preview (pending->parent, pending->pdf_path, pending->settings_path);

  g_clear_weak_pointer (&pending->parent);
  g_object_unref (pending->preview);
  g_free (pending->pdf_path);
  g_free (pending->settings_path);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
on_preview_ready_cb (GtkPrintOperationPreview *preview,
                     GtkPrintContext          *context,
                     PendingPreview           *pending)
{
  g_signal_handlers_disconnect_by_func (preview, on_preview_ready_cb, pending);
  g_idle_add (finish_preview_cb, pending);
}

/* The print dialog's Preview: the pages go to a PDF of our own, shown by
 * the previewer; when there is none, a message says so and the PDF goes */
static gboolean
on_operation_preview_cb (GtkPrintOperation        *operation,
                         GtkPrintOperationPreview *preview,
                         GtkPrintContext          *context,
                         GtkWindow                *parent,
                         PrintJob                 *job)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *settings_path = NULL;
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  BmPlanDocument *document;
  GtkPageSetup *page_setup = gtk_print_operation_get_default_page_setup (operation);
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  PendingPreview *pending;

  job->previewed = TRUE;

  /* The context has no page yet: the paper chosen, whole (full page) */
  if (page_setup != NULL)
    {
      width = gtk_page_setup_get_paper_width (page_setup, GTK_UNIT_POINTS);
      height = gtk_page_setup_get_paper_height (page_setup, GTK_UNIT_POINTS);
      if (gtk_page_setup_get_orientation (page_setup) == GTK_PAGE_ORIENTATION_LANDSCAPE ||
          gtk_page_setup_get_orientation (page_setup) == GTK_PAGE_ORIENTATION_REVERSE_LANDSCAPE)
        {
          double swap = width;

          width = height;
          height = swap;
        }
    }
  else
    bm_plan_document_get_default_page_size (&width, &height);

  if ((pdf_path = bm_print_create_preview_file (".pdf", &error)) == NULL)
    {
      show_error (job, error);
      return FALSE;
    }
  if (settings != NULL && (settings_path = bm_print_create_preview_file (".ini", NULL)) != NULL &&
      !gtk_print_settings_to_file (settings, settings_path, NULL))
    {
      g_unlink (settings_path);
      g_clear_pointer (&settings_path, g_free);
    }

  surface = cairo_pdf_surface_create (pdf_path, width, height);
  cr = cairo_create (surface);
  /* GTK wants a cairo context on the print context, even when the
   * handler draws the pages itself */
  gtk_print_context_set_cairo_context (context, cr, 72, 72);
  document = bm_plan_document_new_with_history (job->intake, job->plan, get_history (job), width, height);
  for (guint i = 0; i < bm_plan_document_get_n_pages (document); i++)
    {
      bm_plan_document_draw_page (document, cr, i);
      cairo_show_page (cr);
    }
  bm_plan_document_free (document);
  cairo_surface_finish (surface);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  pending = g_new0 (PendingPreview, 1);
  pending->preview = g_object_ref (preview);
  g_set_weak_pointer (&pending->parent, parent != NULL ? parent : job->parent);
  pending->pdf_path = g_steal_pointer (&pdf_path);
  pending->settings_path = g_steal_pointer (&settings_path);
  /* The operation sets up its preview run after this handler returns and
   * says when it is ready; as in GTK's own preview, the run ends from an
   * idle after that */
  g_signal_connect (preview, "ready", G_CALLBACK (on_preview_ready_cb), pending);
  return TRUE;
}

void
bm_print_plan (GtkWindow       *parent,
               BmIntake        *intake,
               const BmPlan    *plan,
               BmPrintSentFunc  sent)
{
  bm_print_plan_with_library (parent, intake, plan, NULL, sent);
}

void
bm_print_plan_with_library (GtkWindow       *parent,
                            BmIntake        *intake,
                            const BmPlan    *plan,
                            BmLibrary       *library,
                            BmPrintSentFunc  sent)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkPrintOperationResult result;
  PrintJob *job;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (BM_IS_INTAKE (intake));
  g_return_if_fail (plan != NULL);
  g_return_if_fail (library == NULL || BM_IS_LIBRARY (library));

  job = g_new0 (PrintJob, 1);
  job->library = library ? g_object_ref (library) : NULL;
  g_set_weak_pointer (&job->parent, parent);
  job->intake = g_object_ref (intake);
  job->plan = bm_plan_copy (plan);
  job->sent = sent;

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "bm-print-job", job, print_job_free);

  title = bm_plan_document_dup_title (plan);
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);

  load_settings (&page_setup, &settings);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  if (settings != NULL)
    gtk_print_operation_set_print_settings (operation, settings);

  g_signal_connect (operation, "begin-print", G_CALLBACK (on_operation_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_operation_draw_page_cb), job);
  g_signal_connect (operation, "done", G_CALLBACK (on_operation_done_cb), job);
  g_signal_connect (operation, "preview", G_CALLBACK (on_operation_preview_cb), job);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (job, error);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      save_settings (operation);
      report_sent (operation, job);
    }
}
