#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Collect the translatable strings of the app's JSON data files.

The view and region names (resources/atlas/atlas.json), the body outlines'
names and descriptions (resources/atlas/bodies.json), the advisor's techniques,
reasons, warnings and advice (resources/rules/advisor.json) and the
home-care advice (resources/rules/homecare.json) are English in the data
and translated when the app shows them (g_dgettext, g_dpgettext2).
xgettext cannot read JSON, so this script writes them to po/data-strings.c
as N_() and NC_() calls; that file is listed in po/POTFILES.in and read only
by xgettext, never compiled.

Run it after changing a text in those JSON files:

    python3 po/extract-json-strings.py          # rewrites po/data-strings.c
    python3 po/extract-json-strings.py --check  # fails if it is out of date
    python3 po/extract-json-strings.py --list-inputs
"""

import argparse
import json
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = 'po/data-strings.c'

ATLAS = 'resources/atlas/atlas.json'
BODIES = 'resources/atlas/bodies.json'
RULES = 'resources/rules/advisor.json'
HOMECARE = 'resources/rules/homecare.json'

# The members of advisor.json that the advisor reads as text for people
# (read_string() in app/core/bm-advisor.c, translated with TR()). "id",
# "why" and "about" are for developers and stay English.
RULES_TEXT_KEYS = {
    'name', 'description', 'reason', 'no_technique_reason', 'note',
    'message', 'also_note', 'advice', 'none_advice', 'shortened_overflow',
    'shortened_window', 'shortened_therapist', 'longer_than_chosen', 'added_reason',
    'exclude_note', 'instead', 'home_care', 'race_advice', 'postponed_advice',
    'next_visit_moved', 'race_visits_reason', 'left_out_reason',
}

# Must match the context of g_dpgettext2() in bm_region_dup_label()
# (app/core/bm-atlas.c): whole labels such as "Left calf".
LABEL_CONTEXT = 'region label'

# Must match the context of g_dpgettext2() in bm_atlas_get_view_name()
# (app/core/bm-atlas.c): "Front", "Back" above the figures.
VIEW_CONTEXT = 'view'

# Must match the context of g_dpgettext2() in bm_atlas_get_body_name()
# (app/core/bm-atlas-bodies.c): "Standard", "Wider hips".
BODY_CONTEXT = 'body outline'

# JSON files under resources/ whose strings are never shown to people.
NOT_TRANSLATED = []

INPUTS = [ATLAS, BODIES, RULES, HOMECARE]


def c_string(text):
    out = text.replace('\\', '\\\\').replace('"', '\\"')
    return '"' + out.replace('\n', '\\n').replace('\t', '\\t') + '"'


def load(path):
    with open(os.path.join(TOP, path), encoding='utf-8') as f:
        return json.load(f)


def atlas_strings():
    atlas = load(ATLAS)
    for view in atlas['views']:
        yield f'{ATLAS}: view "{view["id"]}", name', VIEW_CONTEXT, view['name']
        if view.get('short'):
            yield f'{ATLAS}: view "{view["id"]}", short name', VIEW_CONTEXT, view['short']
    for region in atlas['regions']:
        rid = region['id']
        yield f'{ATLAS}: region "{rid}", name', None, region['name']
        if region.get('covers'):
            yield f'{ATLAS}: region "{rid}", what it covers', None, region['covers']
        if region.get('paired', False):
            short = region.get('short', region['name'])
            for side in ('Left', 'Right'):
                yield (f'{ATLAS}: region "{rid}", the client\'s own {side.lower()} side',
                       LABEL_CONTEXT, f'{side} {short}')


def bodies_strings():
    for body in load(BODIES)['bodies']:
        yield f'{BODIES}: outline "{body["id"]}", name', BODY_CONTEXT, body['name']
        yield f'{BODIES}: outline "{body["id"]}", description', None, body['description']


def rules_strings():
    def walk(node, where):
        if isinstance(node, dict):
            label = where
            if isinstance(node.get('id'), str):
                label = f'{where} "{node["id"]}"'
            for key, value in node.items():
                if isinstance(value, str) and key in RULES_TEXT_KEYS:
                    yield f'{RULES}: {label}, {key}', None, value
                else:
                    yield from walk(value, f'{label}.{key}' if label else key)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, f'{where}[{i}]')

    yield from walk(load(RULES), '')


def homecare_strings():
    # bm_homecare_get_advice() and bm_homecare_get_general()
    # (app/core/bm-homecare.c): each value of "regions", each item of "general"
    # and bm_homecare_get_advice_for(): a region's advice is a string, or
    # an object with "text" and a "safe" variant
    homecare = load(HOMECARE)
    for rid, value in homecare.get('regions', {}).items():
        if isinstance(value, str) and value:
            yield f'{HOMECARE}: home care for "{rid}"', None, value
        elif isinstance(value, dict):
            for key in ('text', 'safe'):
                if isinstance(value.get(key), str) and value[key]:
                    yield f'{HOMECARE}: home care for "{rid}", {key}', None, value[key]
    for name in ('general', 'race_day', 'postponed'):
        for i, text in enumerate(homecare.get(name, [])):
            if isinstance(text, str) and text:
                yield f'{HOMECARE}: {name}[{i}]', None, text
    if isinstance(homecare.get('refer'), str) and homecare['refer']:
        yield f'{HOMECARE}: refer', None, homecare['refer']


def generate():
    lines = [
        '/* Generated by po/extract-json-strings.py from the JSON data files',
        ' * (' + ', '.join(INPUTS) + ').',
        ' * Do not edit: run the script again after changing those files.',
        ' * Read by xgettext only (po/POTFILES.in), never compiled. */',
        '',
        '#include <glib/gi18n.h>',
        '',
    ]
    strings = (list(atlas_strings()) + list(bodies_strings()) + list(rules_strings())
               + list(homecare_strings()))
    for comment, context, text in strings:
        lines.append(f'/* {comment} */')
        if context:
            lines.append(f'NC_({c_string(context)}, {c_string(text)});')
        else:
            lines.append(f'N_({c_string(text)});')
    return '\n'.join(lines) + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--check', action='store_true',
                        help=f'fail if {OUTPUT} is not up to date')
    parser.add_argument('--list-inputs', action='store_true',
                        help='print the JSON files read (and those known to have no translatable text)')
    parser.add_argument('output', nargs='?', default=os.path.join(TOP, OUTPUT))
    args = parser.parse_args()

    if args.list_inputs:
        for path in INPUTS + NOT_TRANSLATED:
            print(path)
        return 0

    text = generate()
    if args.check:
        try:
            with open(args.output, encoding='utf-8') as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(f'{OUTPUT} is out of date: run python3 po/extract-json-strings.py',
                  file=sys.stderr)
            return 1
        return 0

    with open(args.output, 'w', encoding='utf-8') as f:
        f.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
