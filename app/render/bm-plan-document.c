/* bm-plan-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bm-plan-document"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "bm-atlas.h"
#include "bm-date.h"
#include "bm-file-util.h"
#include "bm-history-chart.h"
#include "bm-map-renderer.h"
#include "bm-intake-io.h"
#include "bm-plan-document.h"
#include "bm-plan-text.h"

#define FONT_FAMILY "Cantarell, DejaVu Sans, sans-serif"

/* Type sizes, in points */
#define SIZE_TITLE    20.0
#define SIZE_NAME     13.0
#define SIZE_HEADING  11.0
#define SIZE_BODY      9.0
#define SIZE_TABLE     8.5
#define SIZE_SMALL     7.5

/* Vertical rhythm, in points */
#define SPACE_SECTION 20.0
#define SPACE_HEADING  7.0
#define SPACE_ITEM     4.0
#define CELL_PAD       5.0
#define BULLET_INDENT 11.0

/* A restrained palette: ink, greys and one blue. The warning colours are
 * dark, middle and light, so their levels stay apart in grey-scale, and
 * their labels and borders say the same in words and weight. */
#define INK            0x1e1e1e
#define DIM            0x57555c
#define RULE           0x9a9996
#define FAINT          0xd6d5d2
#define SHADE          0xf4f3f1
#define ACCENT         0x1a5fb4
#define WHITE          0xffffff
#define POSTPONE_FILL  0x8c1626
#define REFER_FILL     0xb34700
#define CAUTION_FILL   0xf6d32d

#define A4_WIDTH     (210.0 / 25.4 * 72)
#define A4_HEIGHT    (297.0 / 25.4 * 72)
#define LETTER_WIDTH  612.0
#define LETTER_HEIGHT 792.0

/* The plan table's columns */
enum { COL_AREA, COL_SEVERITY, COL_TREATMENT, COL_TIME, N_COLS };

typedef struct
{
  PangoLayout *layout;
  double       x, y;
  guint32      color;
} Cell;

typedef struct _Block Block;

typedef void (*DecorateFunc) (BmPlanDocument *self,
                              const Block    *block,
                              cairo_t        *cr);

/* A piece of the page flow, laid out in the text column: its cells, and
 * what is drawn under them (rules, boxes, the body map). */
struct _Block
{
  GArray       *cells;          /* Cell */
  DecorateFunc  decorate;
  double        height;
  double        space_before;   /* dropped at the top of a page */
  gboolean      keep_with_next;
  Block        *header;         /* table rows: repeated at the top of a new page */
  GArray       *breaks;         /* double offsets where a page may end inside it;
                                 * NULL: never cut (unless taller than a page) */
  /* For the decorations */
  BmWarningLevel level;
  gboolean      acknowledged;   /* warnings: acknowledged by the therapist */
  int           severity;       /* table rows; -1: none */
  double        a, b, c, d;
  PangoLayout  *aside;          /* drawn by the decoration, when it chooses */
};

/* Where a block, or a slice of it, sits on a page */
typedef struct
{
  guint     page;
  Block    *block;
  double    y;
  double    offset;
  double    height;
  gboolean  page_top;     /* first on its page */
  gboolean  page_bottom;  /* last on its page */
} Piece;

struct _BmPlanDocument
{
  BmIntake     *intake;
  BmPlan       *plan;
  BmAtlas      *atlas;
  PangoContext *context;

  double        page_width;
  double        page_height;
  double        margin_x;
  double        top;
  double        bottom;         /* of the flow */
  double        width;          /* of the text column */

  BmMapStyle    map_style;
  BmMapLayout   map_layout;

  GPtrArray    *blocks;         /* Block* */
  GArray       *pieces;         /* Piece, in page order */
  guint         n_pages;
  const Piece  *drawing;        /* the piece being drawn, for the decorations */

  /* Table columns */
  double        col_x[N_COLS];
  double        col_w[N_COLS];

  /* The progress chart; NULL: no history worth charting */
  BmHistoryChart       *chart;
  BmHistoryChartStyle   chart_style;
  BmHistoryChartLayout  chart_layout;
};

G_DEFINE_QUARK (bm-plan-document-error-quark, bm_plan_document_error)

/* Text */

static void
set_source_hex (cairo_t *cr,
                guint32  hex)
{
  cairo_set_source_rgb (cr, ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                        (hex & 0xff) / 255.0);
}

static PangoLayout *
new_layout (BmPlanDocument *self,
            const char     *text,
            gboolean        markup,
            double          size,
            PangoWeight     weight,
            double          width,
            PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  if (size < SIZE_HEADING)
    pango_layout_set_line_spacing (layout, 1.12);

  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (logical.y + logical.height) / (double) PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (logical.x + logical.width) / (double) PANGO_SCALE;
}

/* A function, unlike MAX(), evaluates its arguments once */
static inline double
max2 (double a,
      double b)
{
  return a > b ? a : b;
}

/* Blocks */

static void
block_free (gpointer data)
{
  Block *block = data;

  for (guint i = 0; i < block->cells->len; i++)
    g_object_unref (g_array_index (block->cells, Cell, i).layout);
  g_array_unref (block->cells);
  g_clear_pointer (&block->breaks, g_array_unref);
  g_clear_object (&block->aside);
  g_free (block);
}

static Block *
add_block (BmPlanDocument *self,
           DecorateFunc    decorate,
           double          space_before)
{
  Block *block = g_new0 (Block, 1);

  block->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  block->decorate = decorate;
  block->space_before = space_before;
  block->severity = -1;
  g_ptr_array_add (self->blocks, block);
  return block;
}

/* Adds a laid-out text at (x, y) in the block; returns its bottom */
static double
add_cell (Block       *block,
          PangoLayout *layout,
          double       x,
          double       y,
          guint32      color)
{
  Cell cell = { layout, x, y, color };
  double bottom = y + layout_height (layout);

  g_array_append_val (block->cells, cell);
  block->height = MAX (block->height, bottom);
  return bottom;
}

/* Lets a page end between the lines of a cell's text */
static void
allow_breaks_in (Block *block,
                 guint  cell_index)
{
  const Cell *cell = &g_array_index (block->cells, Cell, cell_index);
  PangoLayoutIter *iter = pango_layout_get_iter (cell->layout);

  if (block->breaks == NULL)
    block->breaks = g_array_new (FALSE, FALSE, sizeof (double));
  do
    {
      int y0, y1;
      double offset;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      offset = cell->y + y1 / (double) PANGO_SCALE;
      g_array_append_val (block->breaks, offset);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Words */

/* An ISO date, @days later, in @format (g_date_time_format()) */
/* @days after the calendar day @iso, formatted; @iso itself when it is
 * not a date */
static char *
format_date_as (const char *iso,
                int         days,
                const char *format)
{
  g_autofree char *day = bm_date_add_days (iso, days);
  char *text = day ? bm_date_format (day, format) : NULL;

  return text ? text : g_strdup (iso ? iso : "");
}

static char *
format_date (const char *iso)
{
  /* Translators: a date on the printed plan, see g_date_time_format() */
  return format_date_as (iso, 0, _("%-d %B %Y"));
}

/* "in 13 days", "today", "3 days ago": counted from the visit date */
static char *
dup_day_count (const char *visit_date,
               const char *date)
{
  int days;

  if (!bm_date_days_between (visit_date, date, &days))
    return NULL;
  if (days == 0)
    return g_strdup (C_("race date", "today"));
  if (days == 1)
    return g_strdup (C_("race date", "tomorrow"));
  if (days == -1)
    return g_strdup (C_("race date", "yesterday"));
  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", days), days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", -days), -days);
}

static char *
dup_race (const char   *visit_date,
          const BmRace *race)
{
  g_autofree char *when = format_date (race->date);
  g_autofree char *count = dup_day_count (visit_date, race->date);
  GString *text = g_string_new (NULL);

  if (race->distance && *race->distance)
    {
      g_autofree char *distance = g_strdup (race->distance);

      /* Capitalise the first letter of the free-text distance */
      if (g_ascii_islower (distance[0]))
        distance[0] = g_ascii_toupper (distance[0]);
      /* Translators: "Marathon, 6 December 2026" */
      g_string_append_printf (text, _("%s, %s"), distance, when);
    }
  else
    g_string_append (text, when);
  if (count)
    /* Translators: "6 December 2026 (in 13 days)" */
    g_string_append_printf (text, _(" (%s)"), count);
  return g_string_free (text, FALSE);
}

static const char *
phase_label (BmPhase phase)
{
  switch (phase)
    {
    case BM_PHASE_PEAK:
      return _("Peak: high mileage or speed work");
    case BM_PHASE_REHAB:
      return _("Rehab: coming back from an injury");
    case BM_PHASE_TAPER:
      return _("Taper: the weeks before a goal race");
    case BM_PHASE_MAINTENANCE:
    default:
      return _("Maintenance: steady or light training");
    }
}

static const char *
pressure_label (BmPressure pressure)
{
  switch (pressure)
    {
    case BM_PRESSURE_LIGHT:
      return C_("pressure", "Light");
    case BM_PRESSURE_FIRM:
      return C_("pressure", "Firm");
    case BM_PRESSURE_DEEP:
      return C_("pressure", "Deep");
    case BM_PRESSURE_MEDIUM:
    default:
      return C_("pressure", "Medium");
    }
}

static const char *
health_label (BmHealthFlags flag)
{
  switch (flag)
    {
    case BM_HEALTH_FEVER:
      return _("Fever or feeling unwell today");
    case BM_HEALTH_RECENT_INJURY:
      return _("An injury in the last 3 days");
    case BM_HEALTH_RECENT_SURGERY:
      return _("Recent surgery");
    case BM_HEALTH_BLOOD_THINNERS:
      return _("Takes blood thinners");
    case BM_HEALTH_PREGNANCY:
      return _("Pregnant");
    case BM_HEALTH_OSTEOPOROSIS:
      return _("Osteoporosis or fragile bones");
    case BM_HEALTH_CLOTS_OR_VARICOSE_VEINS:
      return _("Blood clots in the past, or varicose veins");
    case BM_HEALTH_SKIN_CONDITION:
      return _("Rash, wound or skin infection");
    case BM_HEALTH_DIABETES:
      return _("Diabetes");
    case BM_HEALTH_HEART_CONDITION:
      return _("Heart condition");
    case BM_HEALTH_CANCER_TREATMENT:
      return _("Cancer treatment now or in the last year");
    case BM_HEALTH_NONE:
    default:
      return "";
    }
}

static const char *
warning_label (BmWarningLevel level)
{
  switch (level)
    {
    case BM_WARNING_POSTPONE:
      return C_("printed warning", "Postpone");
    case BM_WARNING_REFER:
      return C_("printed warning", "Refer first");
    case BM_WARNING_CAUTION:
    default:
      return C_("printed warning", "Caution");
    }
}

static const char *
warning_hint (BmWarningLevel level)
{
  switch (level)
    {
    case BM_WARNING_POSTPONE:
      return _("no massage today");
    case BM_WARNING_REFER:
      return _("physiotherapist or doctor");
    case BM_WARNING_CAUTION:
    default:
      return _("adapt the work");
    }
}

static char *
dup_region_label (BmPlanDocument *self,
                  const char     *id,
                  BmSide          side)
{
  const BmRegion *region = id ? bm_atlas_lookup (self->atlas, id) : NULL;

  return region ? bm_region_dup_label (region, side) : g_strdup (id ? id : "");
}

static char *
dup_minutes (int minutes)
{
  if (minutes <= 0)
    return g_strdup ("—");
  /* Translators: minutes in the plan table, "15 min" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", minutes), minutes);
}

/* Decorations */

static void
hline (cairo_t *cr,
       double   x0,
       double   x1,
       double   y,
       double   width,
       guint32  color)
{
  cairo_new_path (cr);
  set_source_hex (cr, color);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
}

/* Title block: a strong rule under the name, the therapist's line, a
 * light rule under the visit facts */
static void
decorate_header (BmPlanDocument *self,
                 const Block    *block,
                 cairo_t        *cr)
{
  hline (cr, block->a, self->width, block->b, 0.6, INK);
  hline (cr, 0, self->width, block->c, 1.4, INK);
  hline (cr, 0, self->width, block->d, 0.5, RULE);
}

static void
decorate_heading (BmPlanDocument *self,
                  const Block    *block,
                  cairo_t        *cr)
{
  hline (cr, 0, self->width, block->a, 0.75, ACCENT);
}

/* Warnings of one level share a box; its label column is filled with the
 * level's colour, and the border is heavier the more serious the level.
 * block->b: 1 on the group's first row, block->c: 1 on its last */
static void
decorate_warning (BmPlanDocument *self,
                  const Block    *block,
                  cairo_t        *cr)
{
  double label_w = block->a;
  double h = block->height;
  double w = self->width;
  /* A group cut by the page end is closed there and opened again, with
   * its label, on the next page */
  gboolean top = block->b != 0 || self->drawing->page_top;
  gboolean bottom = block->c != 0 || self->drawing->page_bottom;
  guint32 fill, edge;
  double border;

  switch (block->acknowledged ? (BmWarningLevel) -1 : block->level)
    {
    case BM_WARNING_POSTPONE:
      fill = edge = POSTPONE_FILL;
      border = 2.0;
      break;
    case BM_WARNING_REFER:
      fill = edge = REFER_FILL;
      border = 1.25;
      break;
    case BM_WARNING_CAUTION:
      fill = CAUTION_FILL;
      edge = RULE;
      border = 0.75;
      break;
    default:
      /* Acknowledged: still listed, no longer alarming */
      fill = SHADE;
      edge = FAINT;
      border = 0.75;
      break;
    }

  cairo_new_path (cr);
  set_source_hex (cr, fill);
  cairo_rectangle (cr, 0, 0, label_w, h);
  cairo_fill (cr);

  if (!top)
    hline (cr, label_w, w - border, 0, 0.5, FAINT);
  if (block->b == 0 && top && block->aside)
    {
      set_source_hex (cr, block->level == BM_WARNING_CAUTION || block->acknowledged ? INK : WHITE);
      cairo_move_to (cr, 7, 5);
      pango_cairo_show_layout (cr, block->aside);
    }

  set_source_hex (cr, edge);
  cairo_set_line_width (cr, border);
  cairo_move_to (cr, border / 2, 0);
  cairo_line_to (cr, border / 2, h);
  cairo_move_to (cr, w - border / 2, 0);
  cairo_line_to (cr, w - border / 2, h);
  if (top)
    {
      cairo_move_to (cr, 0, border / 2);
      cairo_line_to (cr, w, border / 2);
    }
  if (bottom)
    {
      cairo_move_to (cr, 0, h - border / 2);
      cairo_line_to (cr, w, h - border / 2);
    }
  cairo_stroke (cr);
}

static void
decorate_overview (BmPlanDocument *self,
                   const Block    *block,
                   cairo_t        *cr)
{
  /* Between the running facts and the health facts */
  set_source_hex (cr, FAINT);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, block->a - block->c / 2, 0);
  cairo_line_to (cr, block->a - block->c / 2, block->height);
  cairo_stroke (cr);
}

static void
decorate_map (BmPlanDocument *self,
              const Block    *block,
              cairo_t        *cr)
{
  /* The figure in the client's outline: every view, then the legend
   * under a hairline */
  cairo_save (cr);
  bm_map_renderer_draw_base (cr, bm_atlas_get_for_body (self->atlas, bm_intake_get_body (self->intake)),
                             self->intake, &self->map_layout, &self->map_style);
  hline (cr, 0, self->width, block->b - 6, 0.5, FAINT);
  cairo_translate (cr, 0, block->b);
  bm_map_renderer_draw_legend (cr, &self->map_style, self->width);
  cairo_restore (cr);
}

static void
decorate_table_header (BmPlanDocument *self,
                       const Block    *block,
                       cairo_t        *cr)
{
  set_source_hex (cr, SHADE);
  cairo_rectangle (cr, 0, 0, self->width, block->height);
  cairo_fill (cr);
  hline (cr, 0, self->width, block->height, 0.9, INK);
}

static void
decorate_table_row (BmPlanDocument *self,
                    const Block    *block,
                    cairo_t        *cr)
{
  if (block->severity >= 0)
    {
      BmColor color;
      double s = block->c;

      bm_severity_get_color (block->severity, &color);
      cairo_set_source_rgb (cr, color.red, color.green, color.blue);
      cairo_rectangle (cr, block->a, block->b, s, s);
      cairo_fill_preserve (cr);
      set_source_hex (cr, DIM);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
    }
  hline (cr, 0, self->width, block->height - 0.25, 0.5, FAINT);
}

static void
decorate_chart (BmPlanDocument *self,
                const Block    *block,
                cairo_t        *cr)
{
  bm_history_chart_draw (cr, self->chart, &self->chart_layout, &self->chart_style);
}

static void
decorate_total (BmPlanDocument *self,
                const Block    *block,
                cairo_t        *cr)
{
  hline (cr, block->a, self->width, block->b, 0.9, INK);
}

static void
decorate_signatures (BmPlanDocument *self,
                     const Block    *block,
                     cairo_t        *cr)
{
  double col = (self->width - block->c) / 2;

  for (guint i = 0; i < 2; i++)
    {
      double x = i * (col + block->c);

      hline (cr, x, x + col * 0.64, block->a, 0.6, INK);
      hline (cr, x + col * 0.72, x + col, block->a, 0.6, INK);
    }
}

/* A dot before each cell's first line */
static void
decorate_bullets (BmPlanDocument *self,
                  const Block    *block,
                  cairo_t        *cr)
{
  set_source_hex (cr, ACCENT);
  for (guint i = 0; i < block->cells->len; i++)
    {
      const Cell *cell = &g_array_index (block->cells, Cell, i);
      double baseline = pango_layout_get_baseline (cell->layout) / (double) PANGO_SCALE;

      cairo_new_path (cr);
      cairo_arc (cr, cell->x - BULLET_INDENT + 3.5, cell->y + baseline - SIZE_BODY * 0.32, 1.6, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

/* The postponed session's box: a heavy border in the postpone colour */
static void
decorate_postponed (BmPlanDocument *self,
                    const Block    *block,
                    cairo_t        *cr)
{
  double border = 2.0;

  cairo_new_path (cr);
  set_source_hex (cr, POSTPONE_FILL);
  cairo_set_line_width (cr, border);
  cairo_rectangle (cr, border / 2, border / 2, self->width - border, block->height - border);
  cairo_stroke (cr);
  cairo_rectangle (cr, 0, 0, 6, block->height);
  cairo_fill (cr);
}

/* Content */

static void
add_heading (BmPlanDocument *self,
             const char     *text)
{
  Block *block = add_block (self, decorate_heading, SPACE_SECTION);
  double bottom;

  bottom = add_cell (block, new_layout (self, text, FALSE, SIZE_HEADING, PANGO_WEIGHT_BOLD, self->width,
                                        PANGO_ALIGN_LEFT), 0, 0, ACCENT);
  block->a = bottom + 2.5;
  block->height = bottom + 2.5 + SPACE_HEADING;
  block->keep_with_next = TRUE;
}

/* A paragraph that may run onto the next page between its lines */
static Block *
add_paragraph (BmPlanDocument *self,
               const char     *markup,
               double          indent,
               double          size,
               guint32         color,
               double          space_before)
{
  Block *block = add_block (self, NULL, space_before);

  add_cell (block, new_layout (self, markup, TRUE, size, PANGO_WEIGHT_NORMAL, self->width - indent,
                               PANGO_ALIGN_LEFT), indent, 0, color);
  allow_breaks_in (block, 0);
  return block;
}

static void
add_bullet (BmPlanDocument *self,
            const char     *markup)
{
  Block *block = add_paragraph (self, markup, BULLET_INDENT, SIZE_BODY, INK, SPACE_ITEM);

  block->decorate = decorate_bullets;
}

/* Two short bullets side by side */
static void
add_bullet_pair (BmPlanDocument *self,
                 const char     *first,
                 const char     *second)
{
  Block *block = add_block (self, decorate_bullets, SPACE_ITEM + 2);
  double gutter = 20;
  double col = (self->width - gutter) / 2;
  const char *markup[] = { first, second };

  for (guint i = 0; i < G_N_ELEMENTS (markup); i++)
    if (markup[i])
      add_cell (block, new_layout (self, markup[i], TRUE, SIZE_BODY, PANGO_WEIGHT_NORMAL,
                                   col - BULLET_INDENT, PANGO_ALIGN_LEFT),
                i * (col + gutter) + BULLET_INDENT, 0, INK);
}

static void
add_subheading (BmPlanDocument *self,
                const char     *text,
                double          space_before)
{
  Block *block = add_block (self, NULL, space_before);

  add_cell (block, new_layout (self, text, FALSE, SIZE_BODY, PANGO_WEIGHT_BOLD, self->width,
                               PANGO_ALIGN_LEFT), 0, 0, INK);
  block->keep_with_next = TRUE;
}

/* A postponed session says so first, and what to do instead */
static void
add_postponed (BmPlanDocument *self)
{
  Block *block;
  double pad = 10, x = 18, y;

  if (self->plan->session_minutes > 0)
    return;
  block = add_block (self, decorate_postponed, SPACE_SECTION - 4);
  y = add_cell (block, new_layout (self, _("No massage today"), FALSE, SIZE_NAME, PANGO_WEIGHT_BOLD,
                                   self->width - x - pad, PANGO_ALIGN_LEFT), x, pad, POSTPONE_FILL);
  if (self->plan->postpone_advice && *self->plan->postpone_advice)
    y = add_cell (block, new_layout (self, self->plan->postpone_advice, FALSE, SIZE_BODY + 1, PANGO_WEIGHT_NORMAL,
                                     self->width - x - pad, PANGO_ALIGN_LEFT), x, y + 3, INK);
  block->height = y + pad;
}

static void
add_header (BmPlanDocument *self)
{
  BmIntake *intake = self->intake;
  Block *block = add_block (self, decorate_header, 0);
  g_autofree char *visit = format_date (self->plan->visit_date);
  g_autofree char *session = NULL;
  g_autofree char *next = NULL;
  g_autofree char *age = NULL;
  const char *name = self->plan->client && *self->plan->client
                     ? self->plan->client : bm_intake_get_client_name (intake);
  PangoLayout *label;
  double y, name_top, line_x, col_w, bottom;
  struct { const char *caption; const char *value; const char *note; } facts[4] = { { 0 } };
  g_autofree char *weekday = NULL;
  g_autofree char *born = NULL;
  g_autofree char *session_note = NULL;
  g_autofree char *around = NULL;
  guint n_facts = 0;
  int birth_year = bm_intake_get_birth_year (intake);
  GDate visit_date;

  y = add_cell (block, new_layout (self, _("Treatment plan"), FALSE, SIZE_TITLE, PANGO_WEIGHT_BOLD,
                                   self->width, PANGO_ALIGN_LEFT), 0, 0, INK);
  name_top = y + 1;

  /* The client on the left, the therapist's line on the right */
  label = new_layout (self, _("Therapist:"), FALSE, SIZE_BODY, PANGO_WEIGHT_NORMAL, -1, PANGO_ALIGN_LEFT);
  line_x = self->width * 0.62;
  bottom = add_cell (block, new_layout (self, name ? name : "", FALSE, SIZE_NAME, PANGO_WEIGHT_NORMAL,
                                        line_x - 16, PANGO_ALIGN_LEFT), 0, name_top, INK);
  {
    PangoLayoutIter *iter = pango_layout_get_iter (g_array_index (block->cells, Cell, 1).layout);
    double baseline = name_top + pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
    PangoLayoutIter *liter = pango_layout_get_iter (label);
    double label_base = pango_layout_iter_get_baseline (liter) / (double) PANGO_SCALE;

    pango_layout_iter_free (iter);
    pango_layout_iter_free (liter);
    add_cell (block, label, line_x, baseline - label_base, DIM);
    block->a = line_x + layout_width (label) + 6;
    block->b = baseline + 1.5;
  }

  y = MAX (bottom, block->b) + 7;
  block->c = y;
  y += 8;

  /* Visit facts, in columns */
  weekday = format_date_as (self->plan->visit_date, 0, "%A");
  facts[n_facts].caption = _("Visit date");
  facts[n_facts].note = weekday;
  facts[n_facts++].value = visit;
  if (birth_year > 0 && bm_date_parse (self->plan->visit_date, &visit_date))
    {
      /* Translators: the age from the birth year alone, which may be a year out */
      age = g_strdup_printf (_("About %d"), g_date_get_year (&visit_date) - birth_year);
      born = g_strdup_printf (_("Born in %d"), birth_year);
      facts[n_facts].caption = _("Age");
      facts[n_facts].note = born;
      facts[n_facts++].value = age;
    }
  if (self->plan->session_minutes > 0)
    {
      session = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes",
                                              self->plan->session_minutes),
                                 self->plan->session_minutes);
      if (self->plan->chosen_session_minutes > 0)
        session_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The therapist chose %d minute",
                                                     "The therapist chose %d minutes",
                                                     self->plan->chosen_session_minutes),
                                        self->plan->chosen_session_minutes);
      else if (self->plan->session_set_by_therapist)
        session_note = g_strdup (_("Set by the therapist"));
      else
        session_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "With %d minute to talk and assess",
                                                     "With %d minutes to talk and assess",
                                                     self->plan->assessment_minutes),
                                        self->plan->assessment_minutes);
    }
  else
    {
      session = g_strdup (_("No massage today"));
      session_note = g_strdup (_("Postponed"));
    }
  facts[n_facts].caption = _("Session");
  facts[n_facts].note = session_note;
  facts[n_facts++].value = session;
  if (self->plan->session_minutes > 0 && self->plan->next_visit_days > 0)
    {
      if (self->plan->next_visit_days == 1)
        next = g_strdup (_("Tomorrow"));
      else
        next = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In about %d day", "In about %d days",
                                             self->plan->next_visit_days),
                                self->plan->next_visit_days);
      around = format_date_as (self->plan->visit_date, self->plan->next_visit_days,
                               /* Translators: the next visit's date, see g_date_time_format() */
                               _("Around %-d %B %Y"));
    }
  else
    next = g_strdup (_("To be arranged"));
  facts[n_facts].caption = _("Next visit");
  facts[n_facts].note = around;
  facts[n_facts++].value = next;

  col_w = self->width / n_facts;
  bottom = y;
  for (guint i = 0; i < n_facts; i++)
    {
      double x = i * col_w;
      double cy;

      cy = add_cell (block, new_layout (self, facts[i].caption, FALSE, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                                        col_w - 10, PANGO_ALIGN_LEFT), x, y, DIM);
      cy = add_cell (block, new_layout (self, facts[i].value, FALSE, SIZE_BODY + 1, PANGO_WEIGHT_BOLD,
                                        col_w - 10, PANGO_ALIGN_LEFT), x, cy + 1, INK);
      if (facts[i].note)
        cy = add_cell (block, new_layout (self, facts[i].note, FALSE, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                                          col_w - 10, PANGO_ALIGN_LEFT), x, cy + 1, DIM);
      bottom = MAX (bottom, cy);
    }
  block->d = bottom + 8;
  block->height = block->d + 0.5;
}

/* The same box for groups of one level, or for the acknowledged ones */
static gboolean
same_box (const BmWarningGroup *a,
          const BmWarningGroup *b)
{
  if (a == NULL || b == NULL || a->acknowledged != b->acknowledged)
    return FALSE;
  return a->acknowledged || a->level == b->level;
}

static void
add_warnings (BmPlanDocument *self)
{
  g_autoptr(GPtrArray) groups = bm_plan_group_warnings (self->plan);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  double label_w = floor (MIN (112, self->width * 0.23));
  double pad = 5;

  if (groups->len == 0)
    return;

  /* The warnings still in force, most serious first; then, quieter, those
   * the therapist acknowledged */
  for (guint i = 0; i < groups->len; i++)
    if (!((BmWarningGroup *) g_ptr_array_index (groups, i))->acknowledged)
      g_ptr_array_add (rows, g_ptr_array_index (groups, i));
  for (guint i = 0; i < groups->len; i++)
    if (((BmWarningGroup *) g_ptr_array_index (groups, i))->acknowledged)
      g_ptr_array_add (rows, g_ptr_array_index (groups, i));

  add_heading (self, _("Before you start"));
  for (guint i = 0; i < rows->len; i++)
    {
      const BmWarningGroup *group = g_ptr_array_index (rows, i);
      const BmWarningGroup *prev = i > 0 ? g_ptr_array_index (rows, i - 1) : NULL;
      const BmWarningGroup *next = i + 1 < rows->len ? g_ptr_array_index (rows, i + 1) : NULL;
      gboolean first = !same_box (prev, group);
      gboolean last = !same_box (group, next);
      Block *block = add_block (self, decorate_warning, first && prev ? 6 : 0);
      g_autofree char *areas = bm_plan_dup_area_list (group->areas);
      g_autoptr(GString) message = g_string_new (NULL);
      const char *label, *hint;
      guint32 label_color;
      double top = pad + (first ? 1.5 : 0);
      double bottom;
      char *escaped;

      if (areas)
        /* Translators: a warning about some areas: "Left calf, right calf: message" */
        escaped = g_markup_printf_escaped (_("<b>%s:</b> %s"), areas, group->message);
      else
        escaped = g_markup_escape_text (group->message ? group->message : "", -1);
      g_string_append (message, escaped);
      g_free (escaped);

      if (group->acknowledged)
        {
          if (group->note && *group->note)
            /* Translators: a warning acknowledged by the therapist: "Refer first, acknowledged: cleared by physio" */
            escaped = g_markup_printf_escaped (_("\n<i>%s, acknowledged: %s</i>"),
                                               warning_label (group->level), group->note);
          else
            escaped = g_markup_printf_escaped (_("\n<i>%s, acknowledged</i>"), warning_label (group->level));
          g_string_append (message, escaped);
          g_free (escaped);
          label = C_("printed warning", "Acknowledged");
          hint = _("by the therapist");
          label_color = INK;
        }
      else
        {
          label = warning_label (group->level);
          hint = warning_hint (group->level);
          label_color = group->level == BM_WARNING_CAUTION ? INK : WHITE;
        }

      block->level = group->level;
      block->acknowledged = group->acknowledged;
      block->a = label_w;
      if (!first)
        block->aside = new_layout (self, label, FALSE, SIZE_BODY, PANGO_WEIGHT_BOLD,
                                   label_w - 2 * pad - 2, PANGO_ALIGN_LEFT);
      block->b = first;
      block->c = last;
      bottom = add_cell (block, new_layout (self, message->str, TRUE, SIZE_BODY, PANGO_WEIGHT_NORMAL,
                                            self->width - label_w - 2 * pad - 4, PANGO_ALIGN_LEFT),
                         label_w + pad + 2, top, group->acknowledged ? DIM : INK);
      if (first)
        {
          g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n<span size='%d'>%s</span>",
                                                             label, (int) (SIZE_SMALL * PANGO_SCALE), hint);

          bottom = max2 (bottom, add_cell (block, new_layout (self, markup, TRUE, SIZE_BODY, PANGO_WEIGHT_NORMAL,
                                                              label_w - 2 * pad - 2, PANGO_ALIGN_LEFT),
                                           pad + 2, top, label_color));
        }
      block->height = bottom + pad + (last ? 1.5 : 0);
    }
}

/* One "caption  value" line of the overview; returns its bottom */
static double
add_fact (BmPlanDocument *self,
          Block          *block,
          double          y,
          double          width,
          const char     *caption,
          const char     *value)
{
  double cap_w = MIN (96, width * 0.38);
  double bottom;

  bottom = add_cell (block, new_layout (self, caption, FALSE, SIZE_BODY, PANGO_WEIGHT_NORMAL, cap_w - 8,
                                        PANGO_ALIGN_LEFT), 0, y, DIM);
  bottom = max2 (bottom, add_cell (block, new_layout (self, value, FALSE, SIZE_BODY, PANGO_WEIGHT_NORMAL,
                                                     width - cap_w, PANGO_ALIGN_LEFT), cap_w, y, INK));
  return bottom + SPACE_ITEM;
}

static double
add_group_title (BmPlanDocument *self,
                 Block          *block,
                 double          y,
                 double          width,
                 const char     *title)
{
  return add_cell (block, new_layout (self, title, FALSE, SIZE_BODY, PANGO_WEIGHT_BOLD, width,
                                      PANGO_ALIGN_LEFT), 0, y, INK) + SPACE_ITEM + 1;
}

/* Moves the cells of @block from the @from'th on by @dx */
static void
shift_cells (Block  *block,
             guint   from,
             double  dx)
{
  for (guint i = from; i < block->cells->len; i++)
    g_array_index (block->cells, Cell, i).x += dx;
}

/* The running context on the left and health on the right; under them the
 * body map across the whole text column, so that the small areas of its
 * four views (the heel, the patellar tendon) can be told apart on paper */
static void
add_overview (BmPlanDocument *self)
{
  BmIntake *intake = self->intake;
  Block *block, *map;
  double gutter = 22;
  double facts_w = floor ((self->width - gutter) / 2);
  double map_w = self->width;
  double view_w, view_h, map_h, legend_h, y = 0, left_bottom;
  guint right_from, body = 0;
  const BmRace *race;
  BmHealthFlags health = bm_intake_get_health (intake);
  g_autofree char *do_not_touch = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  double km = bm_intake_get_weekly_km (intake);

  add_heading (self, _("Running and health"));
  block = add_block (self, decorate_overview, 0);

  y = add_group_title (self, block, y, facts_w, _("Running"));
  y = add_fact (self, block, y, facts_w, _("Training"), phase_label (bm_intake_get_phase (intake)));
  if (km >= 0)
    {
      g_autofree char *value = g_strdup_printf (_("%g km a week"), round (km * 10) / 10);

      y = add_fact (self, block, y, facts_w, _("Distance"), value);
    }
  race = bm_intake_get_next_race (intake);
  if (race && race->date)
    {
      g_autofree char *value = dup_race (self->plan->visit_date, race);

      y = add_fact (self, block, y, facts_w, _("Next race"), value);
    }
  else
    y = add_fact (self, block, y, facts_w, _("Next race"), _("None planned"));
  race = bm_intake_get_last_race (intake);
  if (race && race->date)
    {
      g_autofree char *value = dup_race (self->plan->visit_date, race);

      y = add_fact (self, block, y, facts_w, _("Last race"), value);
    }
  else
    y = add_fact (self, block, y, facts_w, _("Last race"), _("None recently"));
  /* A postponed session gets no advice about a session today */
  if (self->plan->session_minutes > 0 && self->plan->timing_advice && *self->plan->timing_advice)
    y = add_cell (block, new_layout (self, self->plan->timing_advice, FALSE, SIZE_BODY, PANGO_WEIGHT_NORMAL,
                                     facts_w, PANGO_ALIGN_LEFT), 0, y + 2, INK) + SPACE_ITEM;

  /* Health and pressure in the right column */
  left_bottom = y;
  right_from = block->cells->len;
  y = 0;
  y = add_group_title (self, block, y, facts_w, _("Health and pressure"));
  y = add_fact (self, block, y, facts_w, _("Pressure"), pressure_label (bm_intake_get_pressure (intake)));
  for (guint i = 0; i < BM_N_HEALTH_FLAGS; i++)
    if (health & bm_health_nth (i))
      {
        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, health_label (bm_health_nth (i)));
      }
  y = add_fact (self, block, y, facts_w, _("Health"), text->len ? text->str : _("Nothing reported"));
  /* Avoided areas that are also marked have a warning of their own */
  do_not_touch = bm_plan_dup_do_not_touch (self->plan);
  if (do_not_touch)
    y = add_fact (self, block, y, facts_w, _("Do not touch"), do_not_touch);
  shift_cells (block, right_from, facts_w + gutter);
  block->a = facts_w + gutter;
  block->c = gutter;
  block->height = MAX (left_bottom, y) - SPACE_ITEM;

  /* The figure fills the column's width, within 42% of the page's height
   * (the side labels of four views then fit on one line) */
  map = add_block (self, decorate_map, 14);
  bm_map_style_init (&self->map_style, FALSE);
  self->map_style.font_family = FONT_FAMILY;
  /* Its small text (side labels, legend) is 1/1.2 of this: 7.5 pt */
  self->map_style.font_size = 9;
  bm_atlas_get_view_size (self->atlas, &view_w, &view_h);
  map_h = ceil (self->map_style.font_size * 3.2) + map_w / bm_map_layout_get_views_width (self->atlas) * view_h;
  map_h = MIN (map_h, (self->bottom - self->top) * 0.42);
  bm_map_layout_compute (&self->map_layout, self->atlas, &self->map_style, map_w, map_h);
  legend_h = bm_map_renderer_draw_legend (NULL, &self->map_style, map_w);

  map->b = map_h + 12;
  map->height = map->b + legend_h;

  /* Under the legend, the outline the figure is drawn in, as over the
   * map on screen: the therapist knows the shapes are the client's choice
   * (and the rest of the page is the same in every outline) */
  if (bm_atlas_lookup_body (self->atlas, bm_intake_get_body (self->intake), &body))
    {
      /* Translators: over the map, the body outline drawn: "Outline: Wider hips" */
      g_autofree char *caption = g_strdup_printf (_("Outline: %s"), bm_atlas_get_body_name (self->atlas, body));

      add_cell (map, new_layout (self, caption, FALSE, SIZE_SMALL, PANGO_WEIGHT_NORMAL, self->width,
                                 PANGO_ALIGN_LEFT),
                0, map->height + 2, DIM);
    }
}

static void
set_table_columns (BmPlanDocument *self)
{
  /* Area; severity and symptoms; techniques and why; minutes */
  static const double share[] = { 0.21, 0.16, 0.53, 0.10 };
  double x = 0;

  for (guint i = 0; i < G_N_ELEMENTS (share); i++)
    {
      self->col_x[i] = x;
      self->col_w[i] = floor (self->width * share[i]);
      x += self->col_w[i];
    }
  self->col_w[COL_TIME] = self->width - self->col_x[COL_TIME];
}

static Block *
add_table_header (BmPlanDocument *self)
{
  Block *block = add_block (self, decorate_table_header, 0);
  const char *titles[] = {
    _("Area"), _("Severity and symptoms"), _("Techniques and why"), _("Time"),
  };
  double bottom = 0;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    bottom = max2 (bottom, add_cell (block, new_layout (self, titles[i], FALSE, SIZE_SMALL, PANGO_WEIGHT_BOLD,
                                                       self->col_w[i] - 2 * CELL_PAD,
                                                       i == COL_TIME ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT),
                                    self->col_x[i] + CELL_PAD, 4, DIM));
  block->height = bottom + 4;
  block->keep_with_next = TRUE;
  return block;
}

static char *
dup_symptoms (BmSymptoms symptoms)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < BM_N_SYMPTOMS; i++)
    if (symptoms & bm_symptom_nth (i))
      {
        if (out->len > 0)
          g_string_append (out, _(", "));
        g_string_append (out, bm_symptom_get_label (bm_symptom_nth (i)));
      }
  if (out->len == 0)
    g_string_append (out, "—");
  return g_string_free (out, FALSE);
}

static void
add_table_row (BmPlanDocument   *self,
               Block            *header,
               const BmPlanItem *item)
{
  Block *block = add_block (self, decorate_table_row, 0);
  g_autofree char *label = dup_region_label (self, item->region, item->side);
  g_autofree char *symptoms = NULL;
  g_autofree char *minutes = dup_minutes (item->minutes);
  g_autofree char *role = bm_plan_item_dup_role (item);
  g_autofree char *freed = bm_plan_item_dup_freed (item);
  g_autoptr(GString) area = g_string_new (NULL);
  g_autoptr(GString) treatment = g_string_new (NULL);
  double top = CELL_PAD, bottom = 0, swatch = SIZE_TABLE;
  char *escaped;

  escaped = g_markup_printf_escaped ("<b>%s</b>", label);
  g_string_append (area, escaped);
  g_free (escaped);
  if (role)
    {
      escaped = g_markup_printf_escaped ("\n<i>%s</i>", role);
      g_string_append (area, escaped);
      g_free (escaped);
    }
  /* Left out: said in the treatment column, with the minutes it freed */
  if (item->therapist && !item->left_out && item->role != BM_ITEM_ADDED)
    {
      escaped = g_markup_printf_escaped ("\n<i>%s</i>", _("Changed by the therapist"));
      g_string_append (area, escaped);
      g_free (escaped);
    }
  bottom = add_cell (block, new_layout (self, area->str, TRUE, SIZE_TABLE, PANGO_WEIGHT_NORMAL,
                                        self->col_w[COL_AREA] - 2 * CELL_PAD, PANGO_ALIGN_LEFT),
                     self->col_x[COL_AREA] + CELL_PAD, top, INK);

  if (item->marked)
    {
      /* Translators: severity in the plan table, "6/10" */
      g_autofree char *severity = g_strdup_printf (_("%d/10"), item->severity);
      PangoLayout *layout = new_layout (self, severity, FALSE, SIZE_TABLE, PANGO_WEIGHT_BOLD,
                                        self->col_w[COL_SEVERITY] - 2 * CELL_PAD - swatch - 4,
                                        PANGO_ALIGN_LEFT);
      PangoLayoutIter *iter = pango_layout_get_iter (layout);
      double baseline = pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
      double y;

      pango_layout_iter_free (iter);
      block->severity = item->severity;
      block->a = self->col_x[COL_SEVERITY] + CELL_PAD;
      block->b = top + baseline - swatch * 0.85;
      block->c = swatch;
      y = add_cell (block, layout, self->col_x[COL_SEVERITY] + CELL_PAD + swatch + 4, top, INK);
      bottom = max2 (bottom, y);
      if (item->symptoms != BM_SYMPTOM_NONE)
        {
          symptoms = dup_symptoms (item->symptoms);
          bottom = max2 (bottom, add_cell (block, new_layout (self, symptoms, FALSE, SIZE_TABLE, PANGO_WEIGHT_NORMAL,
                                                              self->col_w[COL_SEVERITY] - 2 * CELL_PAD,
                                                              PANGO_ALIGN_LEFT),
                                           self->col_x[COL_SEVERITY] + CELL_PAD, y + 1, INK));
        }
    }
  else
    bottom = max2 (bottom, add_cell (block, new_layout (self, "—", FALSE, SIZE_TABLE, PANGO_WEIGHT_NORMAL,
                                                        -1, PANGO_ALIGN_LEFT),
                                     self->col_x[COL_SEVERITY] + CELL_PAD, top, DIM));

  if (item->techniques && item->techniques[0])
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; item->techniques[i]; i++)
        {
          const char *name = bm_technique_get_name (item->techniques[i]);

          if (i > 0)
            g_string_append (names, _(", "));
          g_string_append (names, name ? name : item->techniques[i]);
        }
      escaped = g_markup_printf_escaped ("<b>%s</b>", names->str);
    }
  else if (item->left_out && freed)
    /* Translators: in the plan table, "Left out by the therapist (12 min freed)" */
    escaped = g_markup_printf_escaped (_("<b>Left out by the therapist</b> (%s)"), freed);
  else if (item->left_out)
    escaped = g_markup_printf_escaped ("<b>%s</b>", _("Left out by the therapist"));
  else
    escaped = g_markup_printf_escaped ("<b>%s</b>", _("Not worked today"));
  g_string_append (treatment, escaped);
  g_free (escaped);
  if (item->reason && *item->reason)
    {
      escaped = g_markup_printf_escaped ("\n%s", item->reason);
      g_string_append (treatment, escaped);
      g_free (escaped);
    }
  bottom = max2 (bottom, add_cell (block, new_layout (self, treatment->str, TRUE, SIZE_TABLE, PANGO_WEIGHT_NORMAL,
                                                      self->col_w[COL_TREATMENT] - 2 * CELL_PAD,
                                                      PANGO_ALIGN_LEFT),
                                   self->col_x[COL_TREATMENT] + CELL_PAD, top,
                                   item->techniques && item->techniques[0] ? INK : DIM));

  bottom = max2 (bottom, add_cell (block, new_layout (self, minutes, FALSE, SIZE_TABLE, PANGO_WEIGHT_NORMAL,
                                                      self->col_w[COL_TIME] - 2 * CELL_PAD, PANGO_ALIGN_RIGHT),
                                   self->col_x[COL_TIME] + CELL_PAD, top, INK));

  block->height = bottom + CELL_PAD;
  block->header = header;
}

/* "Talk and assessment" and the session total, under the minutes */
static void
add_table_total (BmPlanDocument *self,
                 Block          *header)
{
  Block *block = add_block (self, decorate_total, 0);
  const BmPlan *plan = self->plan;
  g_autofree char *assess = dup_minutes (plan->assessment_minutes);
  g_autofree char *total = dup_minutes (plan->session_minutes);
  double x = self->col_x[COL_TREATMENT] + CELL_PAD;
  double w = self->col_w[COL_TREATMENT] - 2 * CELL_PAD;
  double mx = self->col_x[COL_TIME] + CELL_PAD;
  double mw = self->col_w[COL_TIME] - 2 * CELL_PAD;
  double y = CELL_PAD;

  block->header = header;
  if (plan->session_minutes == 0)
    {
      add_cell (block, new_layout (self, _("Session postponed: no massage today"), FALSE, SIZE_TABLE,
                                   PANGO_WEIGHT_BOLD, self->width - x, PANGO_ALIGN_LEFT), x, y, INK);
      block->a = self->col_x[COL_TREATMENT];
      block->b = block->height + CELL_PAD;
      block->height = block->b;
      return;
    }

  add_cell (block, new_layout (self, _("Talk and assessment"), FALSE, SIZE_TABLE, PANGO_WEIGHT_NORMAL, w,
                               PANGO_ALIGN_LEFT), x, y, INK);
  y = add_cell (block, new_layout (self, assess, FALSE, SIZE_TABLE, PANGO_WEIGHT_NORMAL, mw,
                                   PANGO_ALIGN_RIGHT), mx, y, INK);
  if (bm_plan_get_free_minutes (plan) > 0)
    {
      g_autofree char *free_minutes = dup_minutes (bm_plan_get_free_minutes (plan));

      add_cell (block, new_layout (self, _("Not planned yet"), FALSE, SIZE_TABLE, PANGO_WEIGHT_NORMAL, w,
                                   PANGO_ALIGN_LEFT), x, y + 2, INK);
      y = add_cell (block, new_layout (self, free_minutes, FALSE, SIZE_TABLE, PANGO_WEIGHT_NORMAL, mw,
                                       PANGO_ALIGN_RIGHT), mx, y + 2, INK);
    }
  block->a = self->col_x[COL_TREATMENT];
  block->b = y + CELL_PAD;
  y += 2 * CELL_PAD;
  add_cell (block, new_layout (self, plan->session_set_by_therapist
                                     ? _("Session, set by the therapist") : _("Session"),
                               FALSE, SIZE_TABLE, PANGO_WEIGHT_BOLD, w, PANGO_ALIGN_LEFT), x, y, INK);
  add_cell (block, new_layout (self, total, FALSE, SIZE_TABLE, PANGO_WEIGHT_BOLD, mw,
                               PANGO_ALIGN_RIGHT), mx, y, INK);
}

static void
add_plan_table (BmPlanDocument *self)
{
  GPtrArray *items = self->plan->items;
  Block *header;

  if (self->plan->session_minutes == 0)
    add_heading (self, _("The marked areas, head to toe"));
  else
    add_heading (self, _("Plan for this session, head to toe"));
  set_table_columns (self);
  header = add_table_header (self);
  if (items->len == 0)
    {
      Block *block = add_block (self, decorate_table_row, 0);

      block->height = add_cell (block, new_layout (self, _("Nothing to work on today."), FALSE, SIZE_TABLE,
                                                   PANGO_WEIGHT_NORMAL, self->width - 2 * CELL_PAD,
                                                   PANGO_ALIGN_LEFT), CELL_PAD, CELL_PAD, DIM) + CELL_PAD;
    }
  for (guint i = 0; i < items->len; i++)
    add_table_row (self, header, g_ptr_array_index (items, i));
  /* The totals never start a page alone */
  if (items->len > 0)
    ((Block *) g_ptr_array_index (self->blocks, self->blocks->len - 1))->keep_with_next = TRUE;
  add_table_total (self, header);
}

/* The advisor's home care: for the areas worked first, then general */
static void
add_homecare (BmPlanDocument *self)
{
  GPtrArray *home_care = self->plan->home_care;
  g_autoptr(GPtrArray) regional = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) general = g_ptr_array_new_with_free_func (g_free);

  if (home_care->len == 0)
    return;

  for (guint i = 0; i < home_care->len; i++)
    {
      const BmHomeCareItem *hc = g_ptr_array_index (home_care, i);
      const BmRegion *region = hc->region ? bm_atlas_lookup (self->atlas, hc->region) : NULL;

      if (hc->region)
        /* Translators: home-care advice for one area: "Calf: advice" */
        g_ptr_array_add (regional, g_markup_printf_escaped (_("<b>%s:</b> %s"),
                                                            region ? bm_region_get_name (region) : hc->region,
                                                            hc->text));
      else
        g_ptr_array_add (general, g_markup_escape_text (hc->text, -1));
    }

  add_heading (self, _("At home until the next visit"));
  if (regional->len > 0)
    {
      add_subheading (self, _("For the areas worked today"), 0);
      for (guint i = 0; i < regional->len; i += 2)
        add_bullet_pair (self, g_ptr_array_index (regional, i),
                         i + 1 < regional->len ? g_ptr_array_index (regional, i + 1) : NULL);
      if (general->len > 0)
        add_subheading (self, _("In general"), SPACE_HEADING + 4);
    }
  for (guint i = 0; i < general->len; i++)
    add_bullet (self, g_ptr_array_index (general, i));
}

/* Marked areas that did not fit today */
static void
add_next_time (BmPlanDocument *self)
{
  GPtrArray *next_time = self->plan->next_time;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  if (next_time->len == 0)
    return;
  for (guint i = 0; i < next_time->len; i++)
    {
      const BmPlanItem *item = g_ptr_array_index (next_time, i);
      g_autofree char *label = dup_region_label (self, item->region, item->side);
      g_autofree char *symptoms = NULL;

      if (item->symptoms != BM_SYMPTOM_NONE)
        {
          symptoms = dup_symptoms (item->symptoms);
          /* Translators: an area left for the next visit: "Right shin: 4/10, Sore" */
          g_ptr_array_add (lines, g_markup_printf_escaped (_("<b>%s:</b> %d/10, %s"), label, item->severity,
                                                           symptoms));
        }
      else
        g_ptr_array_add (lines, g_markup_printf_escaped (_("<b>%s:</b> %d/10"), label, item->severity));
    }

  add_heading (self, _("Next time"));
  add_paragraph (self, _("Marked, but more than fits in this session: first in line next time."), 0,
                 SIZE_BODY, DIM, 0)->keep_with_next = TRUE;
  for (guint i = 0; i < lines->len; i += 2)
    add_bullet_pair (self, g_ptr_array_index (lines, i),
                     i + 1 < lines->len ? g_ptr_array_index (lines, i + 1) : NULL);
}

/* The progress chart, then the same as a table: a row per visit, a
 * column per charted area */
static void
add_history_chart (BmPlanDocument *self)
{
  g_autoptr(GPtrArray) table = bm_history_chart_dup_table (self->chart, TRUE);
  char **header_row = g_ptr_array_index (table, 0);
  guint n_areas = table->len - 1;
  guint n_visits = bm_history_chart_get_n_visits (self->chart);
  double date_w = floor (self->width * 0.2);
  double area_w = n_areas > 0 ? floor (MIN ((self->width - date_w) / n_areas, 110)) : 0;
  Block *block, *header;
  double height, bottom;

  add_subheading (self, _("Severity at every visit"), SPACE_ITEM + 8);
  add_paragraph (self, _("From 0 (none) to 10 (worst), for the areas of most concern. Each area has its own marker and line; flags mark races."),
                 0, SIZE_BODY, DIM, 0)->keep_with_next = TRUE;

  bm_history_chart_style_init (&self->chart_style, FALSE);
  self->chart_style.font_family = FONT_FAMILY;
  self->chart_style.font_size = SIZE_TABLE;
  self->chart_style.pango_context = self->context;
  height = bm_history_chart_measure_height (self->chart, &self->chart_style, self->width,
                                            MIN (150, (self->bottom - self->top) * 0.3));
  bm_history_chart_layout_compute (&self->chart_layout, self->chart, &self->chart_style, self->width, height);
  block = add_block (self, decorate_chart, 8);
  block->height = height;
  if (n_areas == 0)
    return;

  header = add_block (self, decorate_table_header, 10);
  bottom = add_cell (header, new_layout (self, _("Visit"), FALSE, SIZE_SMALL, PANGO_WEIGHT_BOLD,
                                         date_w - 2 * CELL_PAD, PANGO_ALIGN_LEFT), CELL_PAD, 4, DIM);
  for (guint a = 0; a < n_areas; a++)
    {
      char **row = g_ptr_array_index (table, a + 1);

      bottom = max2 (bottom, add_cell (header, new_layout (self, row[0], FALSE, SIZE_SMALL, PANGO_WEIGHT_BOLD,
                                                           area_w - 2 * CELL_PAD, PANGO_ALIGN_CENTER),
                                       date_w + a * area_w + CELL_PAD, 4, DIM));
    }
  header->height = bottom + 4;
  header->keep_with_next = TRUE;

  for (guint v = 0; v < n_visits; v++)
    {
      Block *row_block = add_block (self, decorate_table_row, 0);

      row_block->header = header;
      bottom = add_cell (row_block, new_layout (self, header_row[v + 1], FALSE, SIZE_TABLE, PANGO_WEIGHT_NORMAL,
                                                date_w - 2 * CELL_PAD, PANGO_ALIGN_LEFT),
                         CELL_PAD, 3, INK);
      for (guint a = 0; a < n_areas; a++)
        {
          char **row = g_ptr_array_index (table, a + 1);

          bottom = max2 (bottom, add_cell (row_block, new_layout (self, row[v + 1], FALSE, SIZE_TABLE,
                                                                  PANGO_WEIGHT_NORMAL, area_w - 2 * CELL_PAD,
                                                                  PANGO_ALIGN_CENTER),
                                           date_w + a * area_w + CELL_PAD, 3, INK));
        }
      row_block->height = bottom + 3;
    }
}

/* What changed since the previous visit, when there is one, and the
 * progress chart over all the visits */
static void
add_since_last_visit (BmPlanDocument *self)
{
  g_auto(GStrv) lines = bm_plan_dup_progress_lines (self->plan);
  gboolean has_lines = lines != NULL && lines[0] != NULL;

  if (!has_lines && self->chart == NULL)
    return;
  add_heading (self, _("Since the last visit"));
  if (has_lines)
    {
      /* Translators: a date in the printed plan, "9 November 2026" (strftime) */
      g_autofree char *day = bm_date_format (self->plan->previous_visit, _("%-d %B %Y"));
      /* Translators: under "Since the last visit", "Compared with the visit on 9 November 2026" */
      g_autofree char *intro = g_strdup_printf (_("Compared with the visit on %s, each area’s severity then and now."),
                                                day ? day : "");

      add_paragraph (self, intro, 0, SIZE_BODY, DIM, 0)->keep_with_next = TRUE;
      for (guint i = 0; lines[i]; i++)
        {
          g_autofree char *markup = g_markup_escape_text (lines[i], -1);

          add_bullet (self, markup);
        }
    }
  if (self->chart != NULL)
    add_history_chart (self);
}

/* Why the next visit is when it is, and the visits around the race */
static void
add_next_visits (BmPlanDocument *self)
{
  const BmPlan *plan = self->plan;
  g_autofree char *next = bm_plan_dup_next_visit (plan, TRUE);
  g_autofree char *before = bm_plan_dup_race_visit (plan, TRUE);
  g_autofree char *after = bm_plan_dup_race_visit (plan, FALSE);
  gboolean reason = plan->next_visit_reason && *plan->next_visit_reason;

  if (!reason && before == NULL && after == NULL)
    return;
  add_heading (self, _("Next visits"));
  if (next)
    {
      g_autofree char *markup = reason ? g_markup_printf_escaped ("<b>%s:</b> %s", next, plan->next_visit_reason)
                                       : g_markup_printf_escaped ("<b>%s</b>", next);

      add_bullet (self, markup);
    }
  if (before)
    {
      g_autofree char *markup = g_markup_escape_text (before, -1);

      add_bullet (self, markup);
    }
  if (after)
    {
      g_autofree char *markup = g_markup_escape_text (after, -1);

      add_bullet (self, markup);
    }
}

static void
add_notes (BmPlanDocument *self)
{
  const char *goals = bm_intake_get_goals (self->intake);
  const char *notes = self->plan->therapist_notes;
  GPtrArray *marks = bm_intake_get_marks (self->intake);
  gboolean any_mark_note = FALSE;

  for (guint i = 0; i < marks->len; i++)
    {
      const BmMark *mark = g_ptr_array_index (marks, i);

      any_mark_note |= mark->note && *mark->note;
    }

  add_heading (self, _("Notes"));

  if (goals && *goals)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n%s", _("The client’s goals"), goals);

      add_paragraph (self, markup, 0, SIZE_BODY, INK, 0);
    }
  if (any_mark_note)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", _("The client’s notes on the map"));

      add_paragraph (self, markup, 0, SIZE_BODY, INK, SPACE_ITEM + 4)->keep_with_next = TRUE;
      for (guint i = 0; i < marks->len; i++)
        {
          const BmMark *mark = g_ptr_array_index (marks, i);
          g_autofree char *label = NULL;
          g_autofree char *line = NULL;

          if (mark->note == NULL || *mark->note == '\0')
            continue;
          label = dup_region_label (self, mark->region, mark->side);
          line = g_markup_printf_escaped (_("<b>%s:</b> %s"), label, mark->note);
          add_paragraph (self, line, 0, SIZE_BODY, INK, 2);
        }
    }
  if (notes && *notes)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n%s", _("The therapist’s notes"), notes);

      add_paragraph (self, markup, 0, SIZE_BODY, INK, SPACE_ITEM + 4);
    }
  if (!(goals && *goals) && !any_mark_note && !(notes && *notes))
    {
      g_autofree char *markup = g_markup_escape_text (_("None."), -1);

      add_paragraph (self, markup, 0, SIZE_BODY, DIM, 0);
    }
}

static void
add_signatures (BmPlanDocument *self)
{
  Block *block = add_block (self, decorate_signatures, SPACE_SECTION + 14);
  double gap = 28;
  double col = (self->width - gap) / 2;
  double line_y = 26;
  const char *captions[] = { _("Therapist’s signature"), _("Date"), _("Client’s signature"), _("Date") };
  g_autofree char *disclaimer = NULL;

  for (guint i = 0; i < 2; i++)
    {
      double x = i * (col + gap);

      add_cell (block, new_layout (self, captions[2 * i], FALSE, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                                   col * 0.64, PANGO_ALIGN_LEFT), x, line_y + 3, DIM);
      add_cell (block, new_layout (self, captions[2 * i + 1], FALSE, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                                   col * 0.28, PANGO_ALIGN_LEFT), x + col * 0.72, line_y + 3, DIM);
    }
  block->a = line_y;
  block->c = gap;
  block->keep_with_next = TRUE;

  disclaimer = g_markup_escape_text (_("This plan supports the therapist’s judgement on the day; "
                                       "it is not a diagnosis."), -1);
  add_paragraph (self, disclaimer, 0, SIZE_SMALL, DIM, SPACE_SECTION);
}

/* Pagination */

/* The least of a block that must share a page with the block before it */
static double
first_piece (BmPlanDocument *self,
             guint           index)
{
  Block *block = g_ptr_array_index (self->blocks, index);
  double need;

  if (block->breaks && block->breaks->len > 0)
    need = g_array_index (block->breaks, double, 0);
  else
    need = block->height;
  if (block->keep_with_next && index + 1 < self->blocks->len)
    {
      Block *next = g_ptr_array_index (self->blocks, index + 1);

      need = block->height + next->space_before + first_piece (self, index + 1);
    }
  return MIN (need, self->bottom - self->top);
}

static void
place (BmPlanDocument *self,
       guint           page,
       Block          *block,
       double          y,
       double          offset,
       double          height)
{
  Piece piece = { page, block, y, offset, height, FALSE, FALSE };

  piece.page_top = self->pieces->len == 0 ||
                   g_array_index (self->pieces, Piece, self->pieces->len - 1).page != page;
  if (piece.page_top && self->pieces->len > 0)
    g_array_index (self->pieces, Piece, self->pieces->len - 1).page_bottom = TRUE;
  g_array_append_val (self->pieces, piece);
}

static void
paginate (BmPlanDocument *self)
{
  guint page = 0;
  double y = self->top;
  gboolean page_empty = TRUE;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double offset = 0;

      if (!page_empty && y + block->space_before + first_piece (self, i) > self->bottom + 0.01)
        {
          page++;
          y = self->top;
          page_empty = TRUE;
        }

      while (TRUE)
        {
          double space = page_empty ? 0 : block->space_before;
          double avail = self->bottom - y - space;
          double cut;

          /* A table continued on a new page gets its header again */
          if (page_empty && block->header)
            {
              place (self, page, block->header, y, 0, block->header->height);
              y += block->header->height;
              avail = self->bottom - y;
            }

          if (block->height - offset <= avail + 0.01)
            {
              place (self, page, block, y + space, offset, block->height - offset);
              y += space + block->height - offset;
              page_empty = FALSE;
              break;
            }

          /* Cut at the last line that fits; a block taller than a whole page
           * and with no such line is sliced where the page ends */
          cut = offset;
          for (guint b = 0; block->breaks && b < block->breaks->len; b++)
            {
              double at = g_array_index (block->breaks, double, b);

              if (at > offset + 0.01 && at - offset <= avail + 0.01)
                cut = at;
            }
          if (cut <= offset && page_empty)
            cut = offset + MAX (avail, 1);

          if (cut > offset)
            place (self, page, block, y + space, offset, cut - offset);
          offset = cut;
          page++;
          y = self->top;
          page_empty = TRUE;
        }
    }

  self->n_pages = page + 1;
  if (self->pieces->len > 0)
    g_array_index (self->pieces, Piece, self->pieces->len - 1).page_bottom = TRUE;
}

static void
lay_out (BmPlanDocument *self)
{
  add_header (self);
  add_postponed (self);
  add_overview (self);
  add_warnings (self);
  add_since_last_visit (self);
  add_plan_table (self);
  add_next_time (self);
  add_next_visits (self);
  add_homecare (self);
  add_notes (self);
  add_signatures (self);
  paginate (self);
}

static void
draw_footer (BmPlanDocument *self,
             cairo_t        *cr,
             guint           page)
{
  g_autofree char *date = format_date (self->plan->visit_date);
  g_autofree char *center = NULL;
  g_autofree char *number = NULL;
  double y = self->bottom + 22;
  double third = self->width / 3;
  double side;
  PangoLayout *layouts[3];
  const char *client = self->plan->client ? self->plan->client : "";

  /* Translators: in the footer of the printed plan, "Jamie Rivers · 23 November 2026" */
  center = g_strdup_printf (_("%s · %s"), client, date);
  /* Translators: page numbers in the footer of the printed plan */
  number = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Page %u of %u", "Page %u of %u", self->n_pages),
                            page + 1, self->n_pages);

  /* The app and the page number keep their width; the client and date
   * are centred in what is left, shortened only if they cannot fit */
  layouts[0] = new_layout (self, "Body Map " PACKAGE_VERSION, FALSE, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                           -1, PANGO_ALIGN_LEFT);
  layouts[2] = new_layout (self, number, FALSE, SIZE_SMALL, PANGO_WEIGHT_NORMAL, -1, PANGO_ALIGN_LEFT);
  side = MIN (MAX (layout_width (layouts[0]), layout_width (layouts[2])), third);
  layouts[1] = new_layout (self, center, FALSE, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                           self->width - 2 * side - 24, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (layouts[1], PANGO_ELLIPSIZE_END);

  hline (cr, self->margin_x, self->margin_x + self->width, y - 6, 0.5, FAINT);
  set_source_hex (cr, DIM);
  cairo_move_to (cr, self->margin_x, y);
  pango_cairo_show_layout (cr, layouts[0]);
  cairo_move_to (cr, self->margin_x + side + 12, y);
  pango_cairo_show_layout (cr, layouts[1]);
  cairo_move_to (cr, self->margin_x + self->width - layout_width (layouts[2]), y);
  pango_cairo_show_layout (cr, layouts[2]);

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    g_object_unref (layouts[i]);
}

static void
draw_piece (BmPlanDocument *self,
            cairo_t        *cr,
            const Piece    *piece)
{
  const Block *block = piece->block;

  cairo_save (cr);
  cairo_new_path (cr);
  if (piece->offset > 0 || piece->height < block->height - 0.01)
    {
      cairo_rectangle (cr, 0, piece->y, self->page_width, piece->height);
      cairo_clip (cr);
    }
  cairo_translate (cr, self->margin_x, piece->y - piece->offset);
  self->drawing = piece;
  if (block->decorate)
    block->decorate (self, block, cr);
  self->drawing = NULL;
  for (guint i = 0; i < block->cells->len; i++)
    {
      const Cell *cell = &g_array_index (block->cells, Cell, i);

      set_source_hex (cr, cell->color);
      cairo_move_to (cr, cell->x, cell->y);
      pango_cairo_show_layout (cr, cell->layout);
    }
  cairo_restore (cr);
}

/* Public API */

void
bm_plan_document_get_default_page_size (double *width,
                                        double *height)
{
  double mm_w = 210, mm_h = 297;

#if defined(__GLIBC__)
  {
    /* glibc answers these with a number, not a string */
    union { const char *string; unsigned int word; } w, h;

    w.string = nl_langinfo (_NL_PAPER_WIDTH);
    h.string = nl_langinfo (_NL_PAPER_HEIGHT);
    mm_w = w.word;
    mm_h = h.word;
  }
#endif

  if (mm_w == 216 && mm_h == 279)
    {
      *width = LETTER_WIDTH;
      *height = LETTER_HEIGHT;
    }
  else
    {
      *width = A4_WIDTH;
      *height = A4_HEIGHT;
    }
}

BmPlanDocument *
bm_plan_document_new (BmIntake     *intake,
                      const BmPlan *plan,
                      double        page_width,
                      double        page_height)
{
  return bm_plan_document_new_with_history (intake, plan, NULL, page_width, page_height);
}

BmPlanDocument *
bm_plan_document_new_with_history (BmIntake        *intake,
                                   const BmPlan    *plan,
                                   const BmHistory *history,
                                   double           page_width,
                                   double           page_height)
{
  BmPlanDocument *self;
  cairo_font_options_t *options;

  g_return_val_if_fail (BM_IS_INTAKE (intake), NULL);
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (page_width > 0 && page_height > 0, NULL);

  self = g_new0 (BmPlanDocument, 1);
  self->intake = g_object_ref (intake);
  self->plan = bm_plan_copy (plan);
  self->atlas = bm_atlas_get_default ();
  self->page_width = page_width;
  self->page_height = page_height;
  self->margin_x = round (CLAMP (page_width * 0.085, 24, 56));
  self->top = round (CLAMP (page_height * 0.055, 24, 48));
  self->bottom = page_height - round (CLAMP (page_height * 0.075, 36, 64));
  self->width = page_width - 2 * self->margin_x;
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));

  /* Unhinted metrics in points: the same line breaks on every target,
   * whether a PDF, a printer or the preview on screen */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 72);

  if (history != NULL)
    {
      self->chart = bm_history_chart_new (history);
      if (!bm_history_chart_is_useful (self->chart))
        g_clear_pointer (&self->chart, bm_history_chart_free);
    }

  lay_out (self);
  return self;
}

void
bm_plan_document_free (BmPlanDocument *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->pieces, g_array_unref);
  g_clear_object (&self->context);
  g_clear_pointer (&self->plan, bm_plan_free);
  g_clear_object (&self->intake);
  g_clear_pointer (&self->chart, bm_history_chart_free);
  g_free (self);
}

guint
bm_plan_document_get_n_pages (BmPlanDocument *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pages;
}

void
bm_plan_document_draw_page (BmPlanDocument *self,
                            cairo_t        *cr,
                            guint           page)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  for (guint i = 0; i < self->pieces->len; i++)
    {
      const Piece *piece = &g_array_index (self->pieces, Piece, i);

      if (piece->page == page)
        draw_piece (self, cr, piece);
    }
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

char *
bm_plan_document_dup_title (const BmPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  /* Translators: title of the printed plan and its PDF: client and visit date */
  return g_strdup_printf (_("Treatment plan — %s — %s"), plan->client ? plan->client : "",
                          plan->visit_date ? plan->visit_date : "");
}

/* Writing the PDF */

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
bm_plan_export_pdf (BmIntake      *intake,
                    const BmPlan  *plan,
                    GFile         *out,
                    GError       **error)
{
  return bm_plan_export_pdf_with_history (intake, plan, NULL, out, error);
}

gboolean
bm_plan_export_pdf_with_history (BmIntake         *intake,
                                 const BmPlan     *plan,
                                 const BmHistory  *history,
                                 GFile            *out,
                                 GError          **error)
{
  g_autoptr(BmPlanDocument) document = NULL;
  g_autoptr(GByteArray) pdf = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (BM_IS_INTAKE (intake), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_basename (out);
  bm_plan_document_get_default_page_size (&width, &height);
  document = bm_plan_document_new_with_history (intake, plan, history, width, height);

  pdf = g_byte_array_sized_new (64 * 1024);
  surface = cairo_pdf_surface_create_for_stream (append_to_array, pdf, width, height);
  title = bm_plan_document_dup_title (plan);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, _("Sports massage treatment plan"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Body Map " PACKAGE_VERSION);

  cr = cairo_create (surface);
  for (guint page = 0; page < document->n_pages; page++)
    {
      bm_plan_document_draw_page (document, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BM_PLAN_DOCUMENT_ERROR, BM_PLAN_DOCUMENT_ERROR_RENDER,
                   /* Translators: "out.pdf: could not create the PDF: out of memory" */
                   _("%s: could not create the PDF: %s"), name, cairo_status_to_string (status));
      return FALSE;
    }

  path = g_file_get_path (out);
  if (path == NULL)
    {
      /* Not a local file: GIO replaces it as atomically as the backend can */
      if (!g_file_replace_contents (out, (const char *) pdf->data, pdf->len, NULL, FALSE,
                                    G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, NULL, &local_error))
        {
          g_set_error (error, BM_PLAN_DOCUMENT_ERROR, BM_PLAN_DOCUMENT_ERROR_WRITE,
                       _("%s: could not write: %s"), name, local_error->message);
          return FALSE;
        }
      return TRUE;
    }
  /* An export replaces a symbolic link at @path, not the file it points to;
   * the temporary file is ".NAME.XXXXXX" */
  if (!bm_file_replace (path, NULL, pdf->data, pdf->len, BM_FILE_REPLACE_NONE, &local_error))
    {
      g_set_error (error, BM_PLAN_DOCUMENT_ERROR, BM_PLAN_DOCUMENT_ERROR_WRITE,
                   /* Translators: "out.pdf: could not write: Permission denied" */
                   _("%s: could not write: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
