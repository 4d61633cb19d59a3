/* bm-client-view.h: one client of the library: details and every visit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bm-library.h"

G_BEGIN_DECLS

#define BM_TYPE_CLIENT_VIEW (bm_client_view_get_type ())
G_DECLARE_FINAL_TYPE (BmClientView, bm_client_view, BM, CLIENT_VIEW, GtkWidget)

GtkWidget  *bm_client_view_new        (void);
/* Shows the client @id of @library (as loaded); returns FALSE when the
 * library has no such client any more */
gboolean    bm_client_view_show       (BmClientView *self,
                                       BmLibrary    *library,
                                       const char   *id);
const char *bm_client_view_get_id     (BmClientView *self);

G_END_DECLS
