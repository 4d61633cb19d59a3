#!/usr/bin/env python3
"""Generate atlas.json for Body Map (Python 3 standard library only).

The figure is designed on the viewer's right half (x >= 130) and mirrored.
Outlines are Catmull-Rom splines through hand-placed points, written as cubic
Beziers.  Limb regions are "bands": for points along a limb axis, a ray is cast
both ways across the limb to find the outline, and a region spans a fraction
range of that cross-section (minus a small gap), with rounded ends.

Paired regions are designed on x > 130; for the back view they are mirrored so
the client's left side lies on the viewer's left (x < 130), as the spec says.

Usage: python3 make-atlas.py [-v] [output.json]   (default: atlas.json beside it)

After building, the atlas is checked (flattened curves, even-odd rule): every
region lies inside its view's outline (>= 1 unit in), no two shapes of a view
overlap or come closer than 1.5 units (mirrored right sides included), paired
left shapes stay on their side of x = 130, and every shape holds a circle at
least 8 units across.  Problems are printed and the exit status is 1; -v also
prints each shape's size.
"""

import json
import math
import os
import sys

W, H = 260, 600
CX = W / 2
GAP = 1.2  # half of the gap left between neighbouring regions

# ----------------------------------------------------------------- geometry


def fmt(v):
    s = "%.1f" % v
    if s.endswith(".0"):
        s = s[:-2]
    if s == "-0":
        s = "0"
    return s


def mirror_pt(p):
    return (2 * CX - p[0], p[1])


def catmull_segments(pts, closed, corners=()):
    """Cubic Bezier segments (p0, c1, c2, p1) of a centripetal Catmull-Rom
    spline through pts; points whose index is in corners get a sharp corner."""
    n = len(pts)
    segs = []
    last = n if closed else n - 1

    def knot(a, b):
        return max(math.hypot(b[0] - a[0], b[1] - a[1]) ** 0.5, 1e-6)

    for i in range(last):
        p1 = pts[i]
        p2 = pts[(i + 1) % n]
        if closed:
            p0 = pts[(i - 1) % n]
            p3 = pts[(i + 2) % n]
        else:
            p0 = pts[i - 1] if i > 0 else None
            p3 = pts[i + 2] if i + 2 < n else None
        if p0 is None or i in corners:
            p0 = (2 * p1[0] - p2[0], 2 * p1[1] - p2[1])
        if p3 is None or ((i + 1) % n) in corners:
            p3 = (2 * p2[0] - p1[0], 2 * p2[1] - p1[1])
        t01 = knot(p0, p1)
        t12 = knot(p1, p2)
        t23 = knot(p2, p3)
        m1 = [0.0, 0.0]
        m2 = [0.0, 0.0]
        for k in range(2):
            m1[k] = t12 * ((p1[k] - p0[k]) / t01 - (p2[k] - p0[k]) / (t01 + t12)
                           + (p2[k] - p1[k]) / t12)
            m2[k] = t12 * ((p2[k] - p1[k]) / t12 - (p3[k] - p1[k]) / (t12 + t23)
                           + (p3[k] - p2[k]) / t23)
        c1 = (p1[0] + m1[0] / 3.0, p1[1] + m1[1] / 3.0)
        c2 = (p2[0] - m2[0] / 3.0, p2[1] - m2[1] / 3.0)
        segs.append((p1, c1, c2, p2))
    return segs


def segs_to_path(segs, closed=True):
    out = ["M %s %s" % (fmt(segs[0][0][0]), fmt(segs[0][0][1]))]
    for (_, c1, c2, p1) in segs:
        out.append("C %s %s %s %s %s %s" % (fmt(c1[0]), fmt(c1[1]), fmt(c2[0]),
                                          fmt(c2[1]), fmt(p1[0]), fmt(p1[1])))
    if closed:
        out.append("Z")
    return " ".join(out)


def smooth_closed(pts, corners=()):
    return segs_to_path(catmull_segments(pts, True, corners), True)


def smooth_open(pts):
    return segs_to_path(catmull_segments(pts, False), False)


def parse_path(d):
    """Parse M/L/C/Q/Z (absolute) into list of subpaths of flattened points."""
    toks = d.replace(",", " ").split()
    i = 0
    subs = []
    cur = None
    start = None
    cmd = None

    def num():
        nonlocal i
        v = float(toks[i])
        i += 1
        return v

    while i < len(toks):
        t = toks[i]
        if t in "MLCQZ":
            cmd = t
            i += 1
            if cmd == "Z":
                if cur is not None and subs:
                    subs[-1].append(start)
                    cur = start
                continue
        if cmd == "M":
            cur = (num(), num())
            start = cur
            subs.append([cur])
            cmd = "L"
        elif cmd == "L":
            cur = (num(), num())
            subs[-1].append(cur)
        elif cmd == "C":
            c1 = (num(), num())
            c2 = (num(), num())
            p = (num(), num())
            for k in range(1, 17):
                u = k / 16.0
                a = (1 - u) ** 3
                b = 3 * (1 - u) ** 2 * u
                c = 3 * (1 - u) * u * u
                e = u ** 3
                subs[-1].append((a * cur[0] + b * c1[0] + c * c2[0] + e * p[0],
                                 a * cur[1] + b * c1[1] + c * c2[1] + e * p[1]))
            cur = p
        elif cmd == "Q":
            c1 = (num(), num())
            p = (num(), num())
            for k in range(1, 13):
                u = k / 12.0
                subs[-1].append(((1 - u) ** 2 * cur[0] + 2 * (1 - u) * u * c1[0] + u * u * p[0],
                                 (1 - u) ** 2 * cur[1] + 2 * (1 - u) * u * c1[1] + u * u * p[1]))
            cur = p
        else:
            raise ValueError("bad path near token %d: %r" % (i, toks[i]))
    return subs


def poly_edges(polys):
    edges = []
    for poly in polys:
        n = len(poly)
        for k in range(n):
            a = poly[k]
            b = poly[(k + 1) % n]
            if a != b:
                edges.append((a, b))
    return edges


def ray_hit(edges, p, d):
    """Smallest positive distance along direction d from p to an edge."""
    best = None
    for (a, b) in edges:
        ex, ey = b[0] - a[0], b[1] - a[1]
        den = d[0] * ey - d[1] * ex
        if abs(den) < 1e-12:
            continue
        wx, wy = a[0] - p[0], a[1] - p[1]
        t = (wx * ey - wy * ex) / den
        u = (wx * d[1] - wy * d[0]) / den
        if t > 1e-9 and -1e-9 <= u <= 1 + 1e-9:
            if best is None or t < best:
                best = t
    return best


# ----------------------------------------------------------------- outline
# Right half (viewer's right, x >= 130), from the top of the head down the
# outside to the foot and back up the inner leg to the crotch.

def arm_points():
    """Outer edge (down) and inner edge (up) of the right arm + hand."""
    A = (183.0, 127.0)
    Wr = (212.0, 297.0)
    L = math.hypot(Wr[0] - A[0], Wr[1] - A[1])
    u = ((Wr[0] - A[0]) / L, (Wr[1] - A[1]) / L)
    n = (u[1], -u[0])  # outward (to the viewer's right)

    def at(s, off):
        return (A[0] + u[0] * s + n[0] * off, A[1] + u[1] * s + n[1] * off)

    outer = [(16, 17.2), (34, 16.6), (54, 15.0), (72, 14.0), (96, 12.6),
             (112, 13.6), (140, 11.0), (166, 8.4)]
    inner = [(24, 14.0), (48, 13.6), (74, 12.4), (96, 10.8), (112, 12.6),
             (140, 10.2), (166, 8.2)]
    # hand (palm facing forward, thumb on the outside), s measured from A
    hand_out = [(176, 10.8), (185, 14.0), (194, 16.6), (203, 18.2),  # thumb
                (209.5, 18.0), (213, 15.6), (211, 12.6), (204, 10.9),
                (196.5, 9.9),  # web between thumb and index finger (corner)
                (207, 10.4), (217, 10.3), (226, 8.6), (233, 3.5)]
    hand_in = [(231, -5.5), (224, -9.6), (210, -11.0), (192, -10.6), (178, -9.0)]
    down = [at(s, o) for (s, o) in outer] + [at(s, o) for (s, o) in hand_out]
    up = [at(s, o) for (s, o) in hand_in] + [at(s, -o) for (s, o) in reversed(inner)]
    notch_index = len(outer) + 8
    return down, up, notch_index


def half_outline(view):
    head = [(130, 14.5), (142.5, 16.3), (151, 22.5), (155.5, 32), (157, 43.5),
            (157.4, 50.5), (159.2, 53.5), (159.4, 59.5), (157.6, 66),  # ear
            (155.3, 72.5), (151.5, 79.5), (147, 86)]
    neck = [(146.3, 96), (149.5, 102), (157, 106.5), (168, 110), (179, 113.5),
            (189, 117.5), (196, 123.5)]
    arm_down, arm_up, notch = arm_points()
    torso = [(171.5, 153), (171.5, 168), (169, 190), (166.5, 212), (167, 232),
             (170.5, 252), (176, 272), (179, 292), (179.5, 310)]
    leg_out = [(178, 338), (175, 370), (171, 400), (167, 422), (166, 440),
               (168, 458), (170, 476), (167.5, 498), (162.5, 520)]
    if view == "front":
        foot = [(160, 535), (161, 546), (163, 557), (166, 569), (165.5, 578.5),
                (160.5, 584.3), (152, 586.3), (143, 586.3), (137.6, 583.3),
                (136.2, 575), (136.6, 563), (137.8, 551)]
    else:
        # back view: the sole is shown below the heel, seen from behind
        foot = [(160.5, 535), (162, 545), (162.5, 555), (164.5, 566), (164.5, 577),
                (158.5, 585), (147, 586.5), (139, 584), (136, 575),
                (136, 563), (137.5, 551)]
    leg_in = [(138, 540), (137, 522), (135.5, 498), (134, 476), (135, 458),
              (137, 444), (136.5, 428), (135.3, 408), (134.8, 380), (134.2, 350),
              (133.2, 327), (131.6, 314)]
    pts = head + neck + arm_down + arm_up + torso + leg_out + foot + leg_in
    corners = set()
    corners.add(len(head) - 1)            # jaw meets neck
    corners.add(len(head) + len(neck) + notch)  # thumb notch
    corners.add(len(head) + len(neck) + len(arm_down) + len(arm_up) - 1)  # armpit
    return pts, corners


def full_outline(view):
    half, corners = half_outline(view)
    # half runs from (130, top) to (130.5, crotch); mirror the rest.
    left = [mirror_pt(p) for p in reversed(half)]
    crotch = (130.0, 308.0)
    pts = half + [crotch] + left[:-1]
    n = len(half)
    allc = set(corners)
    for c in corners:
        allc.add(n + (n - 1 - c))
    return smooth_closed(pts, allc)


# ----------------------------------------------------------------- bands


class Limb:
    def __init__(self, edges, axis, inner_is_axis=False):
        self.edges = edges
        self.axis = axis
        self.inner_is_axis = inner_is_axis
        lens = [0.0]
        for k in range(1, len(axis)):
            lens.append(lens[-1] + math.hypot(axis[k][0] - axis[k - 1][0],
                                              axis[k][1] - axis[k - 1][1]))
        self.lens = lens

    def frame(self, s):
        """Point and unit outward normal at arc length s (axis coords)."""
        a = self.axis
        k = 1
        while k < len(a) - 1 and self.lens[k] < s:
            k += 1
        seg = self.lens[k] - self.lens[k - 1]
        f = (s - self.lens[k - 1]) / seg
        p = (a[k - 1][0] + (a[k][0] - a[k - 1][0]) * f,
             a[k - 1][1] + (a[k][1] - a[k - 1][1]) * f)
        ux = (a[k][0] - a[k - 1][0]) / seg
        uy = (a[k][1] - a[k - 1][1]) / seg
        n = (uy, -ux)  # axis goes downwards: this points to +x
        if n[0] < 0:
            n = (-n[0], -n[1])
        return p, n

    def section(self, s):
        p, n = self.frame(s)
        out = ray_hit(self.edges, p, n)
        if self.inner_is_axis:
            inn = 0.0
        else:
            inn = -ray_hit(self.edges, p, (-n[0], -n[1]))
        return p, n, inn, out

    def point(self, s, t, off=0.0):
        p, n, a, b = self.section(s)
        v = a + (b - a) * t + off
        return (p[0] + n[0] * v, p[1] + n[1] * v)


def interp(keys, s):
    if s <= keys[0][0]:
        return keys[0][1]
    for k in range(1, len(keys)):
        if s <= keys[k][0]:
            s0, v0 = keys[k - 1]
            s1, v1 = keys[k]
            f = (s - s0) / (s1 - s0)
            # smoothstep between keys for softer shapes
            f = f * f * (3 - 2 * f)
            return v0 + (v1 - v0) * f
    return keys[-1][1]


def band(limb, s0, s1, lo, hi, cap0=6.0, cap1=6.0, n=14, glo=GAP, ghi=GAP):
    """Closed smooth region on a limb between fraction curves lo(s), hi(s)."""
    # sample s with extra density near the ends (cosine spacing)
    ss = [s0 + (s1 - s0) * (1 - math.cos(math.pi * k / n)) / 2 for k in range(n + 1)]
    left, right = [], []
    for s in ss:
        p, nn, a, b = limb.section(s)
        wlo = a + (b - a) * interp(lo, s) + glo
        whi = a + (b - a) * interp(hi, s) - ghi
        mid = (wlo + whi) / 2
        half = max((whi - wlo) / 2, 0.0)
        d0 = s - s0
        d1 = s1 - s
        f = 1.0
        if cap0 > 0 and d0 < cap0:
            f = min(f, math.sqrt(max(0.0, 1 - (1 - d0 / cap0) ** 2)))
        if cap1 > 0 and d1 < cap1:
            f = min(f, math.sqrt(max(0.0, 1 - (1 - d1 / cap1) ** 2)))
        half *= f
        left.append((p[0] + nn[0] * (mid - half), p[1] + nn[1] * (mid - half)))
        right.append((p[0] + nn[0] * (mid + half), p[1] + nn[1] * (mid + half)))
    pts = left + list(reversed(right))
    # drop duplicate tip points
    clean = []
    for q in pts:
        if not clean or math.hypot(q[0] - clean[-1][0], q[1] - clean[-1][1]) > 0.3:
            clean.append(q)
    if math.hypot(clean[0][0] - clean[-1][0], clean[0][1] - clean[-1][1]) <= 0.3:
        clean.pop()
    return clean


def strip(limb, s0, s1, center, halfw, cap0=4.0, cap1=4.0, n=12):
    """Band of absolute half-width halfw(s) around fraction center(s)."""
    ss = [s0 + (s1 - s0) * (1 - math.cos(math.pi * k / n)) / 2 for k in range(n + 1)]
    left, right = [], []
    for s in ss:
        p, nn, a, b = limb.section(s)
        mid = a + (b - a) * interp(center, s)
        half = interp(halfw, s)
        d0, d1 = s - s0, s1 - s
        f = 1.0
        if d0 < cap0:
            f = min(f, math.sqrt(max(0.0, 1 - (1 - d0 / cap0) ** 2)))
        if d1 < cap1:
            f = min(f, math.sqrt(max(0.0, 1 - (1 - d1 / cap1) ** 2)))
        half *= f
        left.append((p[0] + nn[0] * (mid - half), p[1] + nn[1] * (mid - half)))
        right.append((p[0] + nn[0] * (mid + half), p[1] + nn[1] * (mid + half)))
    pts = left + list(reversed(right))
    clean = []
    for q in pts:
        if not clean or math.hypot(q[0] - clean[-1][0], q[1] - clean[-1][1]) > 0.3:
            clean.append(q)
    if math.hypot(clean[0][0] - clean[-1][0], clean[0][1] - clean[-1][1]) <= 0.3:
        clean.pop()
    return clean


def blob(pts):
    return smooth_closed(pts)


def mirror_path_pts(pts):
    return [mirror_pt(p) for p in pts]


# ----------------------------------------------------------------- regions


def capsule(p1, p2, r0, r1=None, n=8):
    """Rounded band from p1 to p2 with half-widths r0 (at p1) and r1 (at p2)."""
    if r1 is None:
        r1 = r0
    dx, dy = p2[0] - p1[0], p2[1] - p1[1]
    L = math.hypot(dx, dy)
    u = (dx / L, dy / L)
    v = (-u[1], u[0])
    pts = []
    # side +v from p1 to p2
    for k in range(1, n):
        f = k / n
        r = r0 + (r1 - r0) * f
        pts.append((p1[0] + dx * f + v[0] * r, p1[1] + dy * f + v[1] * r))
    for k in range(0, 7):
        a = math.pi / 2 - math.pi * k / 6
        pts.append((p2[0] + r1 * (u[0] * math.cos(a) + v[0] * math.sin(a)),
                    p2[1] + r1 * (u[1] * math.cos(a) + v[1] * math.sin(a))))
    for k in range(n - 1, 0, -1):
        f = k / n
        r = r0 + (r1 - r0) * f
        pts.append((p1[0] + dx * f - v[0] * r, p1[1] + dy * f - v[1] * r))
    for k in range(0, 7):
        a = -math.pi / 2 - math.pi * k / 6
        pts.append((p1[0] + r0 * (u[0] * math.cos(a) + v[0] * math.sin(a)),
                    p1[1] + r0 * (u[1] * math.cos(a) + v[1] * math.sin(a))))
    return pts


def sym(pts):
    """Points given for x >= 130 (top to bottom): add the mirrored half."""
    return list(pts) + [mirror_pt(p) for p in reversed(pts) if abs(p[0] - CX) > 1e-6]


ARM_AXIS = [(183.0, 127.0), (212.0, 297.0)]
LEG_AXIS = [(155.0, 300.0), (151.0, 432.0), (149.0, 545.0)]


def build():
    front_outline = full_outline("front")
    back_outline = full_outline("back")
    fedges = poly_edges(parse_path(front_outline))
    bedges = poly_edges(parse_path(back_outline))

    R = {}  # id -> {view: [point lists]}, paired ones designed on x > 130

    def add(rid, view, pts):
        R.setdefault(rid, {}).setdefault(view, []).append(pts)

    for view, edges in (("front", fedges), ("back", bedges)):
        arm = Limb(edges, ARM_AXIS)
        leg = Limb(edges, LEG_AXIS)
        add("upper-arm", view, band(arm, 45, 93, [(45, 0.0)], [(45, 1.0)], cap0=9, cap1=8))
        add("forearm", view, band(arm, 106, 164, [(106, 0.0)], [(106, 1.0)], cap0=9, cap1=6))

    # ---------------- front view
    add("neck", "front", sym([(130, 90), (140, 90.5), (143.8, 94), (144, 100),
                              (141.5, 107), (130, 109)]))
    add("shoulder", "front", [(181, 118), (188.5, 120.5), (195, 126), (199.5, 135),
                              (200.5, 147), (198.5, 158), (194.5, 166), (189.5, 160),
                              (185, 148), (182, 134), (179.5, 124)])
    add("chest", "front", [(133, 115.5), (145, 114), (160, 115.5), (172, 119),
                           (176, 124), (177, 133), (175, 142), (170, 150.5),
                           (164, 160), (150, 165.5), (137, 165), (133, 158),
                           (132.3, 135)])
    # abdomen: below the pecs, V-shaped bottom along the groin creases
    add("hip-flexors", "front", capsule((157.0, 281.6), (141.0, 300.0), 5.5, 5.0))
    add("abdomen", "front", sym([(130, 169), (146, 169), (159.5, 170.5), (164.5, 184),
                                 (164.2, 210), (164.2, 232), (162.5, 250), (158, 262),
                                 (150, 276), (141, 287), (134.5, 293.5), (130, 294.5)]))
    add("tfl", "front", capsule((168.8, 268.0), (171.3, 304.0), 5.0, 5.3))
    # legs: front
    leg = Limb(fedges, LEG_AXIS)
    add("it-band", "front", band(leg, 14, 118, [(14, 0.73), (118, 0.72)],
                                 [(14, 1.0)], cap0=7, cap1=5))
    add("quadriceps", "front", band(leg, 18, 121,
                                    [(18, 0.38), (40, 0.29), (80, 0.27), (121, 0.40)],
                                    [(18, 0.71), (60, 0.72), (121, 0.70)],
                                    cap0=9, cap1=14, n=18))
    # the groin: the top of the inner thigh, where the adductors start
    add("groin", "front", band(leg, 10, 26, [(10, 0.0)], [(10, 0.36), (26, 0.30)],
                               cap0=6, cap1=6))
    add("adductors", "front", band(leg, 32, 104, [(32, 0.0)],
                                   [(32, 0.28), (60, 0.22), (104, 0.24)],
                                   cap0=9, cap1=10))
    # the knee from the front: the kneecap; below it the patellar tendon,
    # and on the inner side, just below the joint, the pes anserinus
    add("knee", "front", band(leg, 124, 148, [(124, 0.12)], [(124, 0.9)],
                              cap0=12, cap1=11, n=16))
    add("inner-knee", "front", band(leg, 149, 172, [(149, 0.0)], [(149, 0.33)],
                                    cap0=8, cap1=8))
    add("patellar-tendon", "front", band(leg, 152, 167, [(152, 0.35)], [(152, 0.69)],
                                         cap0=5, cap1=5, n=12))
    # the shin: its inner edge (where shin splints hurt) and the muscle
    # beside the front edge of the bone (tibialis anterior)
    add("shin", "front", band(leg, 177, 234, [(177, 0.0)], [(177, 0.35), (234, 0.38)],
                              cap0=7, cap1=6))
    add("tibialis-anterior", "front", band(leg, 172, 226, [(172, 0.36)], [(172, 0.67)],
                                           cap0=8, cap1=6))
    add("peroneals", "front", band(leg, 168, 229, [(168, 0.68)],
                                   [(168, 1.0)], cap0=8, cap1=6))
    add("ankle", "front", band(leg, 235.5, 248, [(235, 0.0)], [(235, 1.0)],
                               cap0=4, cap1=4, n=10))
    # the top of the midfoot, and the forefoot with the toes
    add("foot", "front", [(142, 556), (150, 554.5), (157.5, 555.5), (160.8, 561.5),
                          (160.3, 566.3), (150, 567.5), (140.8, 566.3), (139.8, 561.5)])
    add("forefoot", "front", [(141.5, 570.3), (150, 569.5), (159.5, 570.3), (162, 575),
                              (160.5, 581.5), (150, 583.8), (141.5, 581.5), (139.8, 575.5)])

    # ---------------- back view
    add("neck", "back", sym([(130, 86), (139, 87), (142.5, 92), (142.3, 100),
                             (140.5, 108), (130, 111)]))
    add("upper-trapezius", "back", [(145.5, 103), (150, 106.8), (157, 109.3),
                                    (167, 112.3), (176.5, 115.5), (178.5, 119),
                                    (175, 122), (166, 121.5), (155, 119), (148, 116),
                                    (144.5, 110.5)])
    add("shoulder", "back", [(183, 120), (190, 121.5), (196, 127), (200, 137),
                             (200.5, 148), (198.5, 158), (194.5, 166), (189.5, 160),
                             (185.5, 148), (183.5, 134)])
    add("upper-back", "back", [(134.5, 127), (146, 125.5), (158, 128.5), (163, 136),
                               (161.5, 152), (155, 168), (145, 178), (135, 180),
                               (133.3, 160)])
    # below the shoulder blades: the mid back beside the spine, the lats
    # along the flank from the armpit to the waist
    add("mid-back", "back", [(134.5, 184.5), (144, 182.5), (152.5, 184), (156, 190),
                             (155.5, 198), (150, 203.5), (141, 204.5), (134.5, 203)])
    add("lats", "back", [(164, 157.5), (168.3, 160.5), (168.5, 172), (167, 186),
                         (165.5, 199), (163.5, 210), (160.5, 213), (158.5, 205),
                         (158.8, 190), (160, 175), (161.3, 165)])
    # the small of the back beside the spine; the quadratus lumborum at the
    # side of the waist; the SI joint in the dimple at the base of the spine
    add("lower-back", "back", [(134.5, 209.5), (143, 208), (150.5, 210.5), (152, 222),
                               (151.5, 236), (149.5, 248), (143, 251.5), (134.5, 251)])
    add("quadratus-lumborum", "back", [(156.5, 219.5), (161, 217.5), (164, 222),
                                       (164.3, 234), (165, 244), (163.5, 253.5),
                                       (159, 257), (154.8, 252), (154, 241), (154.8, 229)])
    add("si-joint", "back", [(134.5, 256), (140, 254.5), (145.5, 257), (147.2, 262.5),
                             (145, 268), (139.5, 270), (134.5, 268.5)])
    # piriformis from the sacrum towards the greater trochanter; glutes wrap it
    p1, p2, pr = (137.5, 285.0), (163.0, 297.0), 4.6
    add("piriformis", "back", capsule(p1, p2, pr))
    dx, dy = p2[0] - p1[0], p2[1] - p1[1]
    L = math.hypot(dx, dy)
    u = (dx / L, dy / L)
    v = (-u[1], u[0])  # points down-left (below the band)
    o = pr + 3.2
    low = [(p1[0] + dx * f + v[0] * o, p1[1] + dy * f + v[1] * o) for f in (0.05, 0.5, 1.0)]
    up = [(p1[0] + dx * f - v[0] * o, p1[1] + dy * f - v[1] * o) for f in (1.0, 0.5, 0.05)]
    tip = (p2[0] + u[0] * o, p2[1] + u[1] * o)
    glute = [(135.5, 274.5), (149, 270.5), (163, 266.5), (172, 272), (176, 284),
             (177.3, 300), (176.3, 316), (171, 327), (160, 332.5), (146, 333),
             (136.5, 329), (134, 318), (133.6, 303)]
    glute += low + [tip] + up + [(134.3, 277.5)]
    add("glutes", "back", glute)
    leg = Limb(bedges, LEG_AXIS)
    add("it-band", "back", band(leg, 40, 118, [(40, 0.72), (118, 0.71)],
                                [(40, 1.0)], cap0=6, cap1=5))
    add("hamstrings", "back", band(leg, 42, 120, [(42, 0.28), (120, 0.30)],
                                   [(42, 0.72), (120, 0.71)], cap0=10, cap1=10, n=16))
    add("adductors", "back", band(leg, 40, 104, [(40, 0.0)],
                                  [(40, 0.28), (104, 0.30)], cap0=8, cap1=10))
    add("knee-back", "back", band(leg, 127, 148, [(127, 0.14)], [(127, 0.86)],
                                  cap0=8, cap1=8, n=14))
    # the calf: the gastrocnemius above, the soleus below it and to its sides
    add("calf", "back", band(leg, 153, 191, [(153, 0.02), (180, 0.04), (191, 0.12)],
                             [(153, 0.72), (178, 0.70), (191, 0.60)],
                             cap0=10, cap1=7, n=16))
    add("soleus", "back", band(leg, 195, 215, [(195, 0.06), (215, 0.16)],
                               [(195, 0.62), (215, 0.58)], cap0=5, cap1=6, n=12))
    add("peroneals", "back", band(leg, 166, 224,
                                  [(166, 0.76), (185, 0.70), (200, 0.66), (224, 0.72)],
                                  [(166, 1.0)], cap0=10, cap1=7))
    add("achilles", "back", strip(leg, 219, 243, [(219, 0.46)], [(219, 5.0)],
                                  cap0=4, cap1=4))
    add("ankle", "back", band(leg, 245, 255.5, [(245, 0.0)], [(245, 1.0)],
                              cap0=4, cap1=4, n=10))
    # the sole, heel at the top: the heel pad, then the arch
    add("heel", "back", [(142, 558.3), (150, 557.3), (158, 558.3), (160.3, 562.8),
                         (158.5, 567.2), (150, 568.2), (141.5, 567.2), (139.7, 562.8)])
    add("plantar-fascia", "back", [(141.5, 570.7), (150, 570), (158.5, 570.7),
                                   (160.6, 574.7), (157.5, 578.7), (150, 579.2),
                                   (142.5, 578.7), (139.5, 574.7)])
    return front_outline, back_outline, R, fedges, bedges


def arm_at(s, off):
    (ax, ay), (wx, wy) = ARM_AXIS
    L = math.hypot(wx - ax, wy - ay)
    u = ((wx - ax) / L, (wy - ay) / L)
    n = (u[1], -u[0])
    return (ax + u[0] * s + n[0] * off, ay + u[1] * s + n[1] * off)


def both(pts):
    """An open detail line (given for x >= 130) and its mirror image."""
    return [smooth_open(pts), smooth_open([mirror_pt(p) for p in pts])]


def line(a, b):
    return "M %s %s L %s %s" % (fmt(a[0]), fmt(a[1]), fmt(b[0]), fmt(b[1]))


def details(view):
    d = []
    # finger hints on both hands
    for off in (-5.2, -1.0, 3.2):
        a, b = arm_at(216, off), arm_at(229.5 - abs(off + 1) * 0.5, off)
        d += [line(a, b), line(mirror_pt(a), mirror_pt(b))]
    if view == "front":
        d += both([(134.5, 111.5), (146, 110), (160, 112), (174.5, 116)])  # collarbones
        # navel
        d.append("M 130 233.2 C 131.3 233.2 132 234.4 132 235.8 "
                 "C 132 237.2 131.2 238.2 130 238.2 C 128.8 238.2 128 237.2 128 235.8 "
                 "C 128 234.4 128.7 233.2 130 233.2 Z")
        # toes
        for x0, x1 in ((143.5, 143), (148.5, 148.3), (153.5, 153.8), (158, 158.8)):
            d += [line((x0, 581.5), (x1, 585.5)), line(mirror_pt((x0, 581.5)), mirror_pt((x1, 585.5)))]
    else:
        d.append(line((130, 114), (130, 262)))  # spine
        d.append(line((130, 279), (130, 302)))  # gluteal cleft
        d += both([(166.5, 127), (171, 140), (167.5, 160), (157, 178.5)])  # shoulder blades
        d += both([(136, 337), (148, 338.5), (161, 337), (171, 332)])  # gluteal fold
        for x0 in (145, 150, 155):
            d += [line((x0, 581.5), (x0 + 0.3, 585.2)),
                  line(mirror_pt((x0, 581.5)), mirror_pt((x0 + 0.3, 585.2)))]
    return d


# ----------------------------------------------------------------- side views
# The client's left side, seen from their left: they face the viewer's left
# (x small is the front of the body, x large the back).  Only the near leg
# shows (the far one is behind it); the near arm is bent as in running, the
# upper arm along the ribs and the forearm forward, so that it hides neither
# the hip nor the thigh.  The view of the right side is its mirror image.

SIDE_OUTLINE = [
    # head: crown, forehead, nose, lips, chin
    (132, 14), (118, 17), (109, 26), (104.5, 38), (104, 48), (101.5, 54),
    (97.5, 62.5), (101.5, 66.5), (102.5, 70.5), (102, 74.5), (104.5, 79.5),
    (105.5, 84.5), (110, 88.5), (119, 91.5),
    # front of the neck and chest
    (120.5, 100), (118.5, 107), (113, 116), (109.5, 128), (108.5, 142),
    (110, 156), (113.5, 168), (114, 181), (113.5, 188.5),
    # forearm forward, loose fist
    (101, 187.5), (89, 185.5), (80.5, 184), (75, 188), (73.5, 196), (77.5, 202.5),
    (89, 205.5), (101, 208.5), (112.5, 211.5),
    # belly, front of the hip and thigh, kneecap
    (113, 225), (111.5, 245), (113, 262), (116, 278), (118.5, 292),
    (117, 306), (115.5, 326), (116, 352), (118.5, 382), (121.5, 410),
    (123.5, 430), (123, 442), (124.5, 453), (127, 463),
    # shin, ankle, top of the foot, toes
    (127.5, 482), (129.5, 506), (132, 524), (133, 540), (129.5, 552),
    (118, 560), (104, 567.5), (92, 574), (83, 579.5), (83.5, 585.5),
    # sole, heel
    (100, 586.8), (125, 586.8), (148, 586.6), (157.5, 584.5), (161, 576.5),
    (160, 565),
    # Achilles, calf, back of the knee, hamstrings
    (157.5, 553), (155.5, 538), (156.5, 519), (163.5, 494), (166, 475),
    (162.5, 458), (156, 445), (155, 432), (157.5, 405), (160.5, 376),
    (162.5, 350), (162, 338),
    # buttock, small of the back, upper back
    (168, 324), (170.5, 305), (168.5, 286), (162, 268), (155, 251),
    (152, 232), (152.5, 212), (155.5, 190), (159.5, 168), (161, 145),
    (158.5, 125), (152.5, 112),
    # back of the neck and head
    (146.5, 102), (145, 93), (150, 86), (157, 72), (160.5, 55), (158.5, 37),
    (151.5, 24), (142, 16.5),
]
# the jaw meets the neck; the forearm leaves and rejoins the body; the
# gluteal fold
SIDE_CORNERS = (13, 22, 31, 75)

SIDE_LEG_AXIS = [(141.0, 296.0), (139.5, 445.0), (144.0, 545.0)]


def side_details():
    d = []
    # the arm: front of the upper arm and top of the forearm, over the
    # shoulder, down the back of the arm, round the elbow, under the forearm
    d.append(smooth_open([(114.5, 188.5), (127.5, 188.5), (124.5, 171), (122, 150),
                          (122.5, 131), (127.5, 120), (136.5, 114.5), (146, 116.5),
                          (153, 126), (155.5, 146), (154.5, 170), (153, 192),
                          (149.5, 206.5), (142, 211.5), (128, 211.5), (114, 211.5)]))
    # fingers of the fist
    d.append(smooth_open([(82, 190.5), (79.5, 195), (82, 200)]))
    # ear
    d.append(smooth_open([(140, 52), (146, 48.5), (149.5, 56), (147.5, 65), (142.5, 67)]))
    # crest of the hip bone, kneecap, outer ankle bone
    d.append(smooth_open([(122, 262), (133, 256.5), (146, 255.5), (156, 260.5)]))
    d.append(smooth_open([(124.5, 428), (130, 436), (130.5, 448), (126, 456)]))
    # gluteal fold
    d.append(smooth_open([(162, 338), (155, 340.5), (148, 340)]))
    return d


def side_regions(edges):
    """Regions of the left-side view, {id: [point lists]} (not mirrored)."""
    R = {}

    def add(rid, pts):
        R.setdefault(rid, []).append(pts)

    leg = Limb(edges, SIDE_LEG_AXIS)
    # fraction 0 is the front of the limb, 1 the back
    add("neck", [(124.5, 94), (131, 92.5), (140, 93.5), (142.5, 99), (141, 104.5),
                 (131, 107), (123, 105), (122.5, 99)])
    add("shoulder", [(126.5, 123), (131.5, 118.5), (138, 117), (145.5, 119), (150.5, 126),
                     (151.5, 136), (146, 142), (137, 144), (128, 141), (124.5, 132)])
    add("upper-arm", [(125.5, 151), (136, 148), (150.5, 149), (152.5, 162), (151.5, 178),
                      (147.5, 190), (138.5, 194), (129.5, 187), (126, 172)])
    add("forearm", [(86, 190), (98, 191), (110, 192.5), (122, 193.5), (134, 198),
                    (141, 204), (134, 207.5), (120, 207.5), (106, 205.5), (93, 202.5),
                    (85, 199)])
    add("abdomen", [(117, 217), (127, 216.5), (134, 220), (135, 236), (133, 254),
                    (127, 261), (118.5, 259), (116.5, 240)])
    add("quadratus-lumborum", [(143, 217.5), (148.5, 216), (149.5, 232), (151, 246),
                       (152, 255), (146, 258), (140, 250), (139, 233)])
    add("tfl", capsule((123.0, 271.0), (132.5, 317.0), 5.2, 5.0))
    add("glute-medius", [(137.5, 264), (146.5, 261), (155, 263), (160.5, 270),
                         (162.5, 281), (158.5, 288.5), (149.5, 291), (141, 287.5),
                         (137, 278)])
    add("glutes", [(157, 296), (163, 291), (166.5, 300), (167.5, 313), (165, 325),
                   (160, 333.5), (154.5, 331.5), (152.5, 318), (153, 305)])
    add("greater-trochanter", [(140, 298), (145, 295.5), (149, 298.5),
                               (150.5, 305.5), (148, 312), (142, 313.5),
                               (138, 308.5), (137.5, 302.5)])
    add("quadriceps", band(leg, 30, 132, [(30, 0.0), (132, 0.0)],
                           [(30, 0.34), (80, 0.33), (132, 0.26)], cap0=12, cap1=10))
    add("it-band", band(leg, 25, 128, [(25, 0.37), (80, 0.37), (128, 0.30)],
                        [(25, 0.64), (80, 0.62), (128, 0.56)], cap0=7, cap1=6))
    add("hamstrings", band(leg, 45, 132, [(45, 0.66), (132, 0.60)],
                           [(45, 1.0), (132, 1.0)], cap0=12, cap1=9))
    add("knee", capsule((130.5, 435.0), (131.5, 452.0), 5.0, 5.0))
    add("patellar-tendon", capsule((133.3, 464.5), (133.5, 474.5), 4.2, 4.2))
    add("outer-knee", band(leg, 134, 165, [(134, 0.43)], [(134, 0.86)], cap0=10, cap1=10))
    add("tibialis-anterior", band(leg, 185, 228, [(185, 0.0)], [(185, 0.31), (228, 0.36)],
                                  cap0=7, cap1=6))
    add("peroneals", band(leg, 172, 216, [(172, 0.35), (216, 0.38)],
                          [(172, 0.67), (190, 0.64), (216, 0.60)], cap0=8, cap1=6))
    add("calf", band(leg, 168, 195, [(168, 0.71), (195, 0.69)], [(168, 1.0)], cap0=10, cap1=6))
    add("soleus", band(leg, 199, 218, [(199, 0.64)], [(199, 1.0)], cap0=5, cap1=6))
    add("achilles", [(148, 520), (154, 518), (154.5, 528), (153, 538), (154, 551),
                     (150.5, 555.5), (146, 548), (145.5, 532)])
    add("ankle", [(136, 541), (139.5, 534.5), (143, 534), (143.5, 541), (143, 550),
                  (139, 553.5), (134.5, 550)])
    add("heel", [(149, 561), (155.5, 559), (158.5, 566), (159, 576), (155.5, 582.5),
                 (149, 583.5), (145.5, 577), (146, 567)])
    add("foot", [(126, 559), (131.5, 556.5), (133.5, 561), (129, 567.5), (120, 572),
                 (111.5, 575.5), (110, 572.5), (114.5, 567.5), (120, 563.5)])
    add("forefoot", [(104.5, 571.5), (107.5, 575.5), (106.5, 581.5), (100, 584.5),
                     (91, 584.8), (86, 583), (87.5, 579), (95.5, 574.5)])
    return R


# The views, as the app lists and places them: the name shown above each,
# which of the client's sides is at the viewer's left and right edge (the
# labels "<- Your right" and "Your left ->" above the figure), and the column
# it takes, left to right.  From the front the client's left is on the
# viewer's right, as in a mirror; from behind it is on the viewer's left.
VIEWS = {
    "front": {"id": "front", "name": "Front", "sides": ["right", "left"], "column": 0},
    "back": {"id": "back", "name": "Back", "sides": ["left", "right"], "column": 1},
    # A side view shows one of the client's sides: its paired regions have
    # shapes for that side only
    "left-side": {"id": "left-side", "name": "Your left side", "short": "Your left", "shows": "left", "column": 2},
    "right-side": {"id": "right-side", "name": "Your right side", "short": "Your right", "shows": "right", "column": 3},
}

REGIONS = [
    # id, name, short, paired, primary
    ("neck", "Neck", "neck", False, "back"),
    ("upper-trapezius", "Upper trapezius", "upper trapezius", True, "back"),
    ("shoulder", "Shoulder (deltoid)", "shoulder (deltoid)", True, "front"),
    ("chest", "Chest", "chest", True, "front"),
    ("upper-back", "Upper back (rhomboids)", "upper back (rhomboids)", True, "back"),
    ("lats", "Lats (latissimus dorsi)", "lats (latissimus dorsi)", True, "back"),
    ("upper-arm", "Upper arm", "upper arm", True, "front"),
    ("mid-back", "Mid back", "mid back", True, "back"),
    ("abdomen", "Abdomen", "abdomen", False, "front"),
    ("lower-back", "Lower back", "lower back", True, "back"),
    ("quadratus-lumborum", "Side of the lower back (quadratus lumborum)",
     "side of the lower back (quadratus lumborum)", True, "back"),
    ("forearm", "Forearm", "forearm", True, "front"),
    ("si-joint", "SI joint (sacroiliac)", "SI joint (sacroiliac)", True, "back"),
    ("hip-flexors", "Hip flexors", "hip flexors", True, "front"),
    ("groin", "Groin", "groin", True, "front"),
    ("tfl", "Hip, outer (TFL)", "outer hip (TFL)", True, "front"),
    ("glute-medius", "Glute medius", "glute medius", True, "left-side"),
    ("glutes", "Glutes", "glutes", True, "back"),
    ("piriformis", "Piriformis", "piriformis", True, "back"),
    ("greater-trochanter", "Hip bone, outer (greater trochanter)",
     "outer hip bone (greater trochanter)", True, "left-side"),
    ("adductors", "Inner thigh (adductors)", "inner thigh (adductors)", True, "front"),
    ("quadriceps", "Front thigh (quadriceps)", "front thigh (quadriceps)", True, "front"),
    ("it-band", "IT band", "IT band", True, "front"),
    ("hamstrings", "Hamstrings", "hamstrings", True, "back"),
    # "knee" and "shin" keep their ids and names (file format contract);
    # what they cover is narrower since the finer regions came
    ("knee", "Knee", "knee", True, "front"),
    ("knee-back", "Back of the knee", "back of the knee", True, "back"),
    ("inner-knee", "Knee, inner side", "inner knee", True, "front"),
    ("outer-knee", "Knee, outer side", "outer knee", True, "left-side"),
    ("patellar-tendon", "Patellar tendon", "patellar tendon", True, "front"),
    ("shin", "Shin", "shin", True, "front"),
    ("tibialis-anterior", "Front of the shin (tibialis anterior)",
     "front of the shin (tibialis anterior)", True, "front"),
    ("peroneals", "Outer lower leg (peroneals)", "outer lower leg (peroneals)", True, "front"),
    ("calf", "Calf", "calf", True, "back"),
    ("soleus", "Lower calf (soleus)", "lower calf (soleus)", True, "back"),
    ("achilles", "Achilles tendon", "Achilles tendon", True, "back"),
    ("ankle", "Ankle", "ankle", True, "front"),
    ("heel", "Heel", "heel", True, "back"),
    ("foot", "Foot (top)", "top of the foot", True, "front"),
    ("plantar-fascia", "Sole of the foot (plantar fascia)",
     "sole of the foot (plantar fascia)", True, "back"),
    ("forefoot", "Forefoot and toes (metatarsals)", "forefoot and toes", True, "front"),
]

# What each region covers, in words a client understands: shown under the
# region's name where the client picks areas (the form's "Areas to avoid"),
# so that a name like "Foot (top)" is not taken for the whole foot.
COVERS = {
    "neck": "The front, sides and back of the neck",
    "upper-trapezius": "The top of the shoulders, from the neck to the shoulder joint",
    "shoulder": "The rounded muscle over the shoulder joint, front and back",
    "chest": "The front of the chest, below the collarbone",
    "upper-back": "Between and around the shoulder blades",
    "lats": "The side of the back below the armpit, down to the waist",
    "upper-arm": "From the shoulder to the elbow, all round",
    "mid-back": "Either side of the spine, between the shoulder blades and the small of the back",
    "abdomen": "The belly, from below the ribs to the hips",
    "lower-back": "The small of the back, either side of the spine, above the buttocks",
    "quadratus-lumborum": "The side of the waist at the back, between the lowest rib and the top of the hip bone",
    "forearm": "From the elbow to the wrist, all round",
    "si-joint": "The dimple on each side of the base of the spine, where it meets the pelvis",
    "hip-flexors": "The front of the hip, in the crease where the thigh meets the body",
    "groin": "The top of the inner thigh, where it meets the body",
    "tfl": "The outside of the hip, just below and in front of the hip bone",
    "glute-medius": "The side of the hip above the bony point, below the top of the hip bone",
    "glutes": "The buttocks",
    "piriformis": "A small muscle deep in the middle of the buttock",
    "greater-trochanter": "The bony point on the outside of the hip, at the top of the thigh",
    "adductors": "The inner side of the thigh, from the groin to the knee",
    "quadriceps": "The front of the thigh, from the hip to the knee",
    "it-band": "The outer side of the thigh, from the hip to the knee",
    "hamstrings": "The back of the thigh, from the buttock to the knee",
    "knee": "The front of the knee, around the kneecap",
    "knee-back": "The hollow at the back of the knee",
    "inner-knee": "The inner side of the knee, just below the joint",
    "outer-knee": "The outer side of the knee, where the IT band ends",
    "patellar-tendon": "The tendon just below the kneecap",
    "shin": "The inner edge of the shin bone, where shin splints hurt",
    "tibialis-anterior": "The muscle beside the front edge of the shin bone, on its outer side",
    "peroneals": "The outer side of the lower leg, from the knee to the ankle",
    "calf": "The upper calf, the bulk of the calf muscle below the back of the knee",
    "soleus": "The lower calf, above the Achilles tendon and to its sides",
    "achilles": "The tendon above the heel",
    "ankle": "The ankle joint, all round",
    "heel": "The back and the underside of the heel",
    "foot": "The top of the foot, between the ankle and the toes (not the sole)",
    "plantar-fascia": "The arch of the foot, between the heel and the ball of the foot",
    "forefoot": "The ball of the foot and the toes, top and sole",
}


# ----------------------------------------------------------------- checks


def point_in(polys, p):
    """Even-odd test against all closed polygons in polys."""
    x, y = p
    inside = False
    for poly in polys:
        n = len(poly)
        j = n - 1
        for i in range(n):
            xi, yi = poly[i]
            xj, yj = poly[j]
            if (yi > y) != (yj > y):
                if x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                    inside = not inside
            j = i
    return inside


def seg_dist(p, a, b):
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    L2 = dx * dx + dy * dy
    if L2 == 0:
        return math.hypot(p[0] - ax, p[1] - ay)
    t = ((p[0] - ax) * dx + (p[1] - ay) * dy) / L2
    t = max(0.0, min(1.0, t))
    return math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy)


class EdgeGrid:
    CELL = 4.0

    def __init__(self, polys):
        self.cells = {}
        for (a, b) in poly_edges(polys):
            x0 = int(min(a[0], b[0]) // self.CELL)
            x1 = int(max(a[0], b[0]) // self.CELL)
            y0 = int(min(a[1], b[1]) // self.CELL)
            y1 = int(max(a[1], b[1]) // self.CELL)
            for cx in range(x0, x1 + 1):
                for cy in range(y0, y1 + 1):
                    self.cells.setdefault((cx, cy), []).append((a, b))

    def dist(self, p, limit):
        """Distance from p to the nearest edge, or limit if none is closer."""
        best = limit
        r = int(limit // self.CELL) + 1
        cx = int(p[0] // self.CELL)
        cy = int(p[1] // self.CELL)
        for ix in range(cx - r, cx + r + 1):
            for iy in range(cy - r, cy + r + 1):
                for (a, b) in self.cells.get((ix, iy), ()):
                    d = seg_dist(p, a, b)
                    if d < best:
                        best = d
        return best


def bbox(polys):
    xs = [p[0] for poly in polys for p in poly]
    ys = [p[1] for poly in polys for p in poly]
    return min(xs), min(ys), max(xs), max(ys)


def grid_scan(polys, grid, box, step, limit):
    """(distance to the edge, point) for the points of a grid over box
    that lie in polys."""
    found = []
    y = box[1]
    while y <= box[3]:
        x = box[0]
        while x <= box[2]:
            if point_in(polys, (x, y)):
                found.append((grid.dist((x, y), limit), (x, y)))
            x += step
        y += step
    return found


def inscribed_circle(polys, grid, box, step=0.5, limit=20.0):
    """Radius and centre of the largest circle inside polys (grid search).
    Of centres within 2% (at most a quarter unit) of the best, the one
    nearest the middle of the box wins, so symmetric shapes get a centred
    symbol."""
    found = grid_scan(polys, grid, box, step, limit)
    if not found:
        return 0.0, None
    best = max(d for d, _ in found)
    mx, my = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    centre = min((c for d, c in found if d >= best - min(0.25, 0.02 * best)),
                 key=lambda c: math.hypot(c[0] - mx, c[1] - my))
    return best, centre


def best_point(polys):
    """The centre of the largest circle in polys: a search on a 0.5 grid,
    then a 0.1 one around every point of the coarse ridge (a narrow band's
    best point can fall between the coarse points); among points nearly as
    good, the one nearest the middle of the shape."""
    grid = EdgeGrid(polys)
    box = bbox(polys)
    coarse = grid_scan(polys, grid, box, 0.5, 40.0)
    if not coarse:
        return 0.0, None
    top = max(d for d, _ in coarse)
    fine = {}
    for d, (cx, cy) in coarse:
        if d < top - 0.4:
            continue
        for i in range(-3, 4):
            for j in range(-3, 4):
                q = (round(cx + i * 0.1, 1), round(cy + j * 0.1, 1))
                if q not in fine and point_in(polys, q):
                    fine[q] = grid.dist(q, 40.0)
    best = max(fine.values())
    mx, my = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    centre = min((q for q, d in fine.items() if d >= best - min(0.1, 0.01 * best)),
                 key=lambda q: math.hypot(q[0] - mx, q[1] - my))
    return best, centre


def anchors(shapes):
    """Where a region's symbol sits in each view: the centre of the largest
    circle that fits in its shapes (client's left side for paired regions)."""
    out = {}
    for view, paths in shapes.items():
        best, centre = -1.0, None
        for d in paths:
            polys = parse_path(d)
            r, c = best_point(polys)
            if c is not None and r > best:
                best, centre = r, c
        out[view] = [round(centre[0], 1), round(centre[1], 1)]
    return out


def check(atlas, min_gap=1.5, min_out=1.0, min_across=8.0):
    """Return a list of problems (empty if the atlas passes)."""
    problems = []
    report = []
    stats = {"gap": 1e9, "outline": 1e9, "across": 1e9}
    views = {v["id"]: v for v in atlas["views"]}
    for vid, view in views.items():
        outline = []
        for d in view["outline"]:
            outline += parse_path(d)
        ogrid = EdgeGrid(outline)
        shapes = []  # (label, polys, grid)
        for r in atlas["regions"]:
            for k, d in enumerate(r["shapes"].get(vid, [])):
                polys = parse_path(d)
                label = "%s#%d" % (r["id"], k)
                if r["paired"] and "shows" in view:
                    # a view of one side: that side's shapes only
                    shapes.append((label, polys))
                elif r["paired"]:
                    xs = [p[0] for poly in polys for p in poly]
                    if view["sides"] == ["right", "left"] and min(xs) < CX + min_gap / 2:
                        problems.append("%s %s: left side must be x > %g (min x %.2f)"
                                        % (vid, label, CX + min_gap / 2, min(xs)))
                    if view["sides"] == ["left", "right"] and max(xs) > CX - min_gap / 2:
                        problems.append("%s %s: left side must be x < %g (max x %.2f)"
                                        % (vid, label, CX - min_gap / 2, max(xs)))
                    shapes.append((label + "(L)", polys))
                    shapes.append((label + "(R)", [[mirror_pt(p) for p in poly] for poly in polys]))
                else:
                    shapes.append((label, polys))
        grids = [EdgeGrid(polys) for (_, polys) in shapes]
        boxes = [bbox(polys) for (_, polys) in shapes]
        # containment
        for (label, polys) in shapes:
            worst = 1e9
            for poly in polys:
                for p in poly:
                    if not point_in(outline, p):
                        problems.append("%s %s: point (%.1f, %.1f) outside the outline"
                                        % (vid, label, p[0], p[1]))
                        worst = -1
                        break
                    worst = min(worst, ogrid.dist(p, 10.0))
            stats["outline"] = min(stats["outline"], worst)
            if worst < min_out:
                problems.append("%s %s: %.2f from the outline (< %g)" % (vid, label, worst, min_out))
        # overlap and gaps
        for i in range(len(shapes)):
            for j in range(i + 1, len(shapes)):
                a, b = boxes[i], boxes[j]
                if (a[0] > b[2] + 3 or b[0] > a[2] + 3 or a[1] > b[3] + 3 or b[1] > a[3] + 3):
                    continue
                gap = 1e9
                for (s1, s2, g2) in ((i, j, grids[j]), (j, i, grids[i])):
                    for poly in shapes[s1][1]:
                        for p in poly:
                            if point_in(shapes[s2][1], p):
                                gap = -1
                                break
                            gap = min(gap, g2.dist(p, 5.0))
                        if gap < 0:
                            break
                stats["gap"] = min(stats["gap"], gap)
                if gap < min_gap:
                    problems.append("%s %s / %s: gap %.2f (< %g)%s"
                                    % (vid, shapes[i][0], shapes[j][0], gap, min_gap,
                                       " OVERLAP" if gap < 0 else ""))
        # size: largest inscribed circle (grid search)
        for (label, polys), grid, box in zip(shapes, grids, boxes):
            if label.endswith("(R)"):
                continue
            best, _ = inscribed_circle(polys, grid, box)
            w, h = box[2] - box[0], box[3] - box[1]
            stats["across"] = min(stats["across"], 2 * best)
            report.append("%-6s %-22s bbox %5.1f x %5.1f  inscribed diameter %5.1f"
                          % (vid, label, w, h, 2 * best))
            if 2 * best < min_across or min(w, h) < min_across:
                problems.append("%s %s: too small (inscribed diameter %.1f, bbox %.1f x %.1f)"
                                % (vid, label, 2 * best, w, h))
    report.append("smallest gap between neighbouring shapes %.2f, smallest distance to the "
                  "outline %.2f, smallest inscribed diameter %.2f"
                  % (stats["gap"], stats["outline"], stats["across"]))
    return problems, report


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    out = args[0] if args else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "atlas.json")
    atlas = make_atlas()
    problems, report = check(atlas)
    if "-v" in sys.argv:
        print("\n".join(report))
    for p in problems:
        print("PROBLEM:", p)
    with open(out, "w") as f:
        json.dump(atlas, f, indent=2)
        f.write("\n")
    print("wrote %s (%d regions, %d problems)" % (out, len(atlas["regions"]), len(problems)))
    return 1 if problems else 0


def make_atlas(only=None):
    """The atlas; with only, a list of view ids, just those views."""
    if only and all(v in ("left-side", "right-side") for v in only):
        fo = bo = None
        R = {}
    else:
        fo, bo, R, _, _ = build()
    side_outline = smooth_closed(SIDE_OUTLINE, SIDE_CORNERS)
    side = side_regions(poly_edges(parse_path(side_outline)))
    for rid, pts_list in side.items():
        R.setdefault(rid, {})["left-side"] = pts_list
        # the right side, from the client's right: the mirror image
        R[rid]["right-side"] = [mirror_path_pts(p) for p in pts_list]
    views = only or list(VIEWS)
    regions = []
    for rid, name, short, paired, primary in REGIONS:
        shapes = {}
        for view in views:
            for pts in R.get(rid, {}).get(view, []):
                # Designed on the viewer's right: mirrored where the
                # client's left is on the viewer's left
                if paired and VIEWS[view].get("sides", [""])[0] == "left":
                    pts = mirror_path_pts(pts)
                shapes.setdefault(view, []).append(blob(pts))
        if not shapes:
            continue
        if primary not in shapes:
            primary = next(iter(shapes))
        regions.append({"id": rid, "name": name, "short": short, "covers": COVERS[rid],
                        "paired": paired, "primary": primary, "shapes": shapes,
                        "anchors": side_anchors(anchors(shapes))})
    mirrored = lambda paths: [mirror_svg(d) for d in paths]
    all_views = {
        "front": lambda: dict(VIEWS["front"], outline=[fo], details=details("front")),
        "back": lambda: dict(VIEWS["back"], outline=[bo], details=details("back")),
        "left-side": lambda: dict(VIEWS["left-side"], outline=[side_outline],
                                  details=side_details()),
        "right-side": lambda: dict(VIEWS["right-side"], outline=mirrored([side_outline]),
                                   details=mirrored(side_details())),
    }
    return {
        "format": "bodymap-atlas",
        "version": 1,
        "view_size": [W, H],
        "views": [all_views[v]() for v in views],
        "regions": regions,
    }


def side_anchors(points):
    """The right side view's anchors: the mirror image of the left's (the
    search for the best point may break a tie the other way)."""
    if "left-side" in points and "right-side" in points:
        x, y = points["left-side"]
        points["right-side"] = [round(2 * CX - x, 1), y]
    return points


def mirror_svg(d):
    """A path's mirror image about x = W / 2 (absolute M/L/C/Q/Z only)."""
    out = []
    toks = d.replace(",", " ").split()
    k = 0
    for t in toks:
        if t in "MLCQZ":
            out.append(t)
            k = 0
            continue
        v = float(t)
        out.append(fmt(2 * CX - v) if k % 2 == 0 else t)
        k += 1
    return " ".join(out)


if __name__ == "__main__":
    sys.exit(main())
