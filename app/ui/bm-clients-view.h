/* bm-clients-view.h: every client of the library, to search and open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bm-client-list.h"
#include "bm-library.h"

G_BEGIN_DECLS

#define BM_TYPE_CLIENTS_VIEW (bm_clients_view_get_type ())
G_DECLARE_FINAL_TYPE (BmClientsView, bm_clients_view, BM, CLIENTS_VIEW, GtkWidget)

GtkWidget *bm_clients_view_new          (void);
/* Shows the clients @library has loaded (NULL: none); call again after
 * the library is loaded again. Until @library has finished its first
 * load the view says that it is loading, not that there are no clients. */
void       bm_clients_view_set_library  (BmClientsView *self,
                                         BmLibrary     *library);
/* Says that the library can be read here but not changed */
void       bm_clients_view_set_read_only (BmClientsView *self,
                                          gboolean       read_only);
/* Search as you type, on any part of the name or the email */
void       bm_clients_view_set_search   (BmClientsView *self,
                                         const char    *text);
void       bm_clients_view_set_sort     (BmClientsView *self,
                                         BmClientsSort  sort);
/* The ids shown, in order (for tests); free with g_strfreev() */
GStrv      bm_clients_view_dup_shown_ids (BmClientsView *self);
GtkWidget *bm_clients_view_get_search_entry (BmClientsView *self);

G_END_DECLS
