/* bm-window-private.h: what bm-window.c, bm-window-actions.c,
 * bm-window-dialogs.c and bm-window-dnd.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bm-adaptive-box.h"
#include "bm-body-map.h"
#include "bm-check-ins-bar.h"
#include "bm-client-view.h"
#include "bm-clients-view.h"
#include "bm-compare-bar.h"
#include "bm-comparison.h"
#include "bm-library.h"
#include "bm-document.h"
#include "bm-intake-form.h"
#include "bm-map-bar.h"
#include "bm-marks-list.h"
#include "bm-outline-button.h"
#include "bm-plan-view.h"
#include "bm-window.h"

G_BEGIN_DECLS

/* What to do once the user has answered "save changes?" and, if asked
 * to, the save has finished */
typedef enum
{
  PENDING_NONE,
  PENDING_CLOSE,
  PENDING_NEW,
  PENDING_OPEN_DIALOG,
  PENDING_OPEN_FILE,
  PENDING_NEW_VISIT,    /* for the client pending_client_id */
} PendingAction;

struct _BmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned references */
  BmDocument           *document;
  GSignalGroup         *document_signals;
  GSignalGroup         *intake_signals;    /* the document's intake */
  GFile                *pending_file;
  /* Window size and the last folder; NULL when the schema is not
   * installed (running from the build folder without it) */
  GSettings            *settings;

  PendingAction         pending;

  /* Confirmations and Undo for destructive steps; the last Undo toast */
  AdwToastOverlay      *toast_overlay;
  AdwToast             *undo_toast;
  /* The document a new or opened one replaced, while its toast with
   * Undo shows (then let go: it may hold another client's data) */
  BmIntake             *replaced_intake;
  GFile                *replaced_file;
  gboolean              replaced_modified;
  AdwToast             *replaced_toast;

  /* Template widgets */
  AdwHeaderBar         *editor_header;
  AdwWindowTitle       *window_title;
  BmBodyMap            *body_map;
  BmCompareBar         *compare_bar;
  BmOutlineButton      *outline_button;
  GtkWidget            *legend;
  BmAdaptiveBox        *content_box;
  /* Today's visit beside an earlier one (map, legend, list) */
  BmComparison         *comparison;
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;

  /* The side panel, built after the first frame; borrowed */
  GtkWidget            *panel;
  GtkStack             *panel_stack;
  BmMarksList          *marks_list;
  GtkScrolledWindow    *details_scroller;
  GtkScrolledWindow    *plan_scroller;
  /* Built when their page is first shown */
  BmIntakeForm         *intake_form;
  BmPlanView           *plan_view;

  /* The clinic library (bm-window-library.c): NULL when none is in use.
   * The leaflet's pages: the clients, one client, and the editor (the
   * template's content); the first two exist once the library does. */
  BmLibrary            *library;
  AdwLeaflet           *leaflet;
  GtkWidget            *editor_page;
  GtkWidget            *clients_page;
  BmClientsView        *clients_view;
  BmCheckInsBar        *check_ins_bar;   /* check-ins waiting, over the clients */
  GFileMonitor         *check_ins_monitor;
  GtkWidget            *client_page;
  BmClientView         *client_view;
  AdwWindowTitle       *client_title;
  GtkWidget            *clients_button;
  GtkRevealer          *file_banner;
  char                 *pending_client_id;
  guint                 library_poll_id;
  guint                 library_setup_id;
  /* Loads run in a worker thread, one at a time; changes seen meanwhile
   * load again once it is done */
  GCancellable         *library_cancellable;
  GFileMonitor         *library_monitor;
  guint                 library_changed_id;
  gboolean              library_loading;
  gboolean              library_load_again;
  gboolean              library_probe_pending;

  gboolean              disposed;   /* late callbacks find it taken apart */
};

/* bm-window-library.c */
void      _bm_window_library_init           (BmWindow      *self);
void      _bm_window_library_dispose        (BmWindow      *self);
void      _bm_window_class_library_init     (BmWindowClass *klass);
/* A new visit for the client, filled in from their last visit */
void      _bm_window_start_visit            (BmWindow      *self,
                                             const char    *client_id);
/* Where a document of the library with no file yet is saved: its client's
 * folder (made for a new client). NULL when it is not for the library. */
GFile    *_bm_window_dup_library_file       (BmWindow      *self,
                                             GError       **error);
/* Offers to file an intake of its own in the library */
void      _bm_window_library_update_banner  (BmWindow      *self);
/* The editor's page in sight (not the clients' or a client's): what an
 * opened file or a new intake is shown in */
void      _bm_window_show_editor            (BmWindow      *self);
/* After a save or an open: the library's lists follow */
void      _bm_window_library_changed        (BmWindow      *self);

/* bm-window.c */
void      _bm_window_show_panel_page        (BmWindow      *self,
                                             const char    *name);
void      _bm_window_remember_folder        (BmWindow      *self,
                                             GFile         *file);
GFile    *_bm_window_dup_start_folder       (BmWindow      *self);
void      _bm_window_save_state             (BmWindow      *self);
/* Call before the document's intake is replaced by a new or opened one:
 * what it holds now can be brought back from the toast that
 * _bm_window_offer_replaced() shows once the new one is in */
void      _bm_window_keep_replaced          (BmWindow      *self);
void      _bm_window_forget_replaced        (BmWindow      *self);
void      _bm_window_offer_replaced         (BmWindow      *self,
                                             const char    *title);
/* The side panel, built now if it was not yet; NULL once disposed */
GtkWidget *_bm_window_ensure_panel          (BmWindow      *self);
/* A short message at the bottom of the window; with Undo, it undoes the
 * document's last step */
void      _bm_window_toast                  (BmWindow      *self,
                                             const char    *title,
                                             gboolean       with_undo);

/* bm-window-actions.c */
void      _bm_window_class_actions_init     (BmWindowClass *klass);
void      _bm_window_actions_update         (BmWindow      *self);
void      _bm_window_save                   (BmWindow      *self);
gboolean  _bm_window_save_to                (BmWindow      *self,
                                             GFile         *file);
void      _bm_window_load_file              (BmWindow      *self,
                                             GFile         *file);
void      _bm_window_run_pending            (BmWindow      *self);
void      _bm_window_saved                  (BmWindow      *self,
                                             GFile         *target);
void      _bm_window_export_pdf_to          (BmWindow      *self,
                                             GFile         *file);

/* bm-window-dialogs.c */
void      _bm_window_show_error             (BmWindow      *self,
                                             const char    *heading,
                                             const char    *message);
void      _bm_window_guard_unsaved          (BmWindow      *self,
                                             PendingAction  action,
                                             GFile         *file);
void      _bm_window_choose_save_file       (BmWindow      *self);
/* The file changed on disk since it was opened here: Reload, Keep Both
 * or Overwrite */
void      _bm_window_ask_changed            (BmWindow      *self,
                                             GFile         *file);
void      _bm_window_choose_open_file       (BmWindow      *self);
void      _bm_window_choose_export_file     (BmWindow      *self);

/* bm-window-dnd.c */
void      _bm_window_dnd_init               (BmWindow      *self);

G_END_DECLS
