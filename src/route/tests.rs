use super::*;

fn rect(x: f32, y: f32) -> Option<Rect> {
    Some(Rect::from_center(Pos::new(x, y), 200.0, 72.0))
}

fn request(from: usize, to: usize, kind: LinkKind) -> Request {
    Request {
        from,
        to,
        kind,
        via: Vec::new(),
    }
}

/// How `routes` read among `rects`, on a drawing just around the boxes.
fn measured(
    rects: &[Option<Rect>],
    parents: &[Option<usize>],
    requests: &[Request],
    routes: &Routes,
) -> Readability {
    let bounds = Rect::around(rects.iter().flatten().flat_map(|r| [r.min, r.max])).unwrap();
    measure_routes(
        Boxes { rects, parents },
        requests,
        routes.paths.clone(),
        bounds,
    )
}

/// The routes of `requests` among `rects`, and how they measure.
fn routed(
    rects: &[Option<Rect>],
    parents: &[Option<usize>],
    requests: &[Request],
) -> (Routes, Readability) {
    let routes = route(Boxes { rects, parents }, requests);
    let m = measured(rects, parents, requests, &routes);
    (routes, m)
}

/// No crossing, no line through a box, no lines on top of each other; the paths otherwise.
fn assert_crosses_nothing(m: &Readability, routes: &Routes) {
    assert_eq!(
        (m.crossings, m.through_box, m.overlaps),
        (0, 0, 0),
        "{:?}",
        routes.paths
    );
}

fn orthogonal(points: &[Pos]) -> bool {
    points
        .windows(2)
        .all(|s| (s[0].x - s[1].x).abs() < 0.01 || (s[0].y - s[1].y).abs() < 0.01)
}

/// Nudges free-standing lines (no boxes), each given as its points and its bundle, on a grid
/// through their points, as the router would after its search.
fn nudge_free(lines: &mut [(&mut Vec<Pos>, u32)]) {
    let extra: Vec<(f32, f32)> = lines
        .iter()
        .flat_map(|(points, _)| points.iter().map(|p| (p.x, p.y)))
        .collect();
    let grid = grid::Grid::new(&[], &extra);
    let mut lines: Vec<nudge::Line<'_>> = lines
        .iter_mut()
        .map(|(points, bundle)| nudge::Line {
            points,
            bundle: *bundle,
            ends: [None, None],
            fixed: &[],
        })
        .collect();
    nudge::nudge(&grid, &[], &mut lines);
}

#[test]
fn a_line_goes_round_a_box_in_its_way_and_ends_on_the_borders() {
    let rects = vec![rect(0.0, 0.0), rect(0.0, 200.0), rect(0.0, 400.0)];
    let parents = vec![None; 3];
    let requests = vec![request(0, 2, LinkKind::Accountability)];
    let (routes, m) = routed(&rects, &parents, &requests);
    let path = routes.paths[0].as_ref().unwrap();
    assert!(orthogonal(path), "{path:?}");
    assert!(
        (path[0].y - 36.0).abs() < 0.01 || (path[0].x.abs() - 100.0).abs() < 0.01,
        "{path:?}"
    );
    let last = path[path.len() - 1];
    assert!(
        (last.y - 364.0).abs() < 0.01 || (last.x.abs() - 100.0).abs() < 0.01,
        "{path:?}"
    );
    assert_eq!(m.through_box, 0, "{path:?}");
}

#[test]
fn a_fan_of_one_kind_shares_a_trunk_and_other_kinds_keep_apart() {
    // A board above six members in a row, each a member; a seventh link of another kind from
    // a body beside the board to the last member.
    let mut rects = vec![rect(0.0, 0.0), rect(600.0, 0.0)];
    for k in 0..6 {
        rects.push(rect(-575.0 + 230.0 * k as f32, 250.0));
    }
    let parents = vec![None; rects.len()];
    let mut requests: Vec<Request> = (2..8)
        .map(|m| request(m, 0, LinkKind::Membership))
        .collect();
    requests.push(request(1, 7, LinkKind::Commissioning));
    let (routes, m) = routed(&rects, &parents, &requests);
    assert_eq!((m.through_box, m.overlaps), (0, 0), "{:?}", routes.paths);
    // The members' lines all reach the board at one point: one trunk.
    let ends: std::collections::BTreeSet<(i32, i32)> = routes.paths[..6]
        .iter()
        .map(|p| {
            let e = p.as_ref().unwrap().last().unwrap();
            (e.x.round() as i32, e.y.round() as i32)
        })
        .collect();
    assert_eq!(ends.len(), 1, "{ends:?} {:?}", routes.paths);
}

#[test]
fn bends_the_user_placed_are_kept() {
    let rects = vec![rect(0.0, 0.0), rect(500.0, 300.0)];
    let parents = vec![None; 2];
    let mut r = request(0, 1, LinkKind::Funding);
    r.via = vec![Pos::new(-300.0, 150.0)];
    let routes = route(
        Boxes {
            rects: &rects,
            parents: &parents,
        },
        &[r],
    );
    let path = routes.paths[0].as_ref().unwrap();
    assert!(path.contains(&Pos::new(-300.0, 150.0)), "{path:?}");
    assert!(orthogonal(path));
}

#[test]
fn a_member_inside_its_group_has_no_line_to_it_and_lines_leave_through_the_group() {
    let group = Some(Rect::from_center(Pos::new(0.0, 0.0), 700.0, 160.0));
    let rects = vec![
        group,
        rect(-230.0, 10.0),
        rect(0.0, 10.0),
        rect(230.0, 10.0),
        rect(0.0, 300.0),
    ];
    let parents = vec![None, Some(0), Some(0), Some(0), None];
    let requests = vec![
        request(1, 0, LinkKind::Membership),
        request(1, 4, LinkKind::Funding),
        request(3, 1, LinkKind::Collaboration),
    ];
    let (routes, m) = routed(&rects, &parents, &requests);
    assert!(routes.paths[0].is_none());
    assert_eq!(m.through_box, 0, "{:?}", routes.paths);
}

#[test]
fn a_drag_reroutes_only_what_it_touched() {
    let rects = vec![
        rect(0.0, 0.0),
        rect(0.0, 300.0),
        rect(600.0, 0.0),
        rect(600.0, 300.0),
    ];
    let parents = vec![None; 4];
    let requests = vec![
        request(0, 1, LinkKind::Accountability),
        request(2, 3, LinkKind::Accountability),
    ];
    let boxes = Boxes {
        rects: &rects,
        parents: &parents,
    };
    let before = route(boxes, &requests);
    let mut moved = rects.clone();
    moved[1] = rect(-100.0, 350.0);
    let after = reroute(
        Boxes {
            rects: &moved,
            parents: &parents,
        },
        &requests,
        &before,
        &[1],
        Care::Full,
    );
    assert_eq!(after.paths[1], before.paths[1]);
    assert_ne!(after.paths[0], before.paths[0]);
    assert_eq!(
        after,
        route(
            Boxes {
                rects: &moved,
                parents: &parents
            },
            &requests
        )
    );
}

#[test]
fn a_drag_drafts_the_lines_it_touches_and_its_end_routes_them_with_care() {
    // Two rows of boxes, a line from each top box to the box below and to the next one
    // along, and a long line across: enough lines that minding them changes the way.
    let mut rects = Vec::new();
    for k in 0..5 {
        rects.push(rect(300.0 * k as f32, 0.0));
        rects.push(rect(300.0 * k as f32, 300.0));
    }
    let mut requests = Vec::new();
    for k in 0..5 {
        requests.push(request(2 * k, 2 * k + 1, LinkKind::Accountability));
        requests.push(request(2 * k, (2 * k + 3) % 10, LinkKind::Membership));
    }
    requests.push(request(1, 9, LinkKind::Commissioning));
    let parents = vec![None; rects.len()];
    let before = route(
        Boxes {
            rects: &rects,
            parents: &parents,
        },
        &requests,
    );
    // Two frames of a drag of box 2 sideways, then its end where the second frame left it.
    // The middle of the channel between it and box 0 moves with it, and the line from box 0
    // to box 3 that ran there is off the grid.
    let mut moved = rects.clone();
    moved[2] = rect(320.0, 0.0);
    fn at<'a>(rects: &'a [Option<Rect>], parents: &'a [Option<usize>]) -> Boxes<'a> {
        Boxes { rects, parents }
    }
    let frame = update(at(&moved, &parents), &requests, &before, Care::Draft);
    moved[2] = rect(340.0, 0.0);
    let frame = update(at(&moved, &parents), &requests, &frame, Care::Draft);
    let touched = |r: &Request| r.from == 2 || r.to == 2;
    // Drafted: the lines of the box, and any that ran where it now stands; the others are
    // kept as they were, even one that ran along the middle of a channel the moved box
    // shifted.
    let stood = [rect(320.0, 0.0), moved[2]].map(|r| r.unwrap().expand(grid::CLEARANCE - 1.0));
    let boxes_only = Grid::new(&moved, &[]);
    assert!(on_grid(&boxes_only, before.found[1].as_ref().unwrap()).is_none());
    for (i, r) in requests.iter().enumerate() {
        assert!(!touched(r) || frame.drafted[i], "line {i}");
        let was = before.found[i].as_ref().expect("routed");
        let in_the_way = was
            .windows(2)
            .any(|s| stood.iter().any(|b| measure::segment_enters(s[0], s[1], b)));
        if !touched(r) && !in_the_way {
            assert_eq!(frame.found[i].as_ref(), Some(was), "line {i} kept");
        }
    }
    assert!(frame.drafted.iter().filter(|&&d| d).count() < requests.len() / 2);
    // Drafted lines still keep out of boxes and off each other.
    let m = measured(&moved, &parents, &requests, &frame);
    assert_eq!((m.through_box, m.overlaps), (0, 0), "{m}");
    // Another draft frame with nothing moved changes nothing; the end of the drag routes
    // the drafted lines with care, as an edit of the same box would have from the start.
    assert_eq!(
        update(at(&moved, &parents), &requests, &frame, Care::Draft),
        frame
    );
    let settled = update(at(&moved, &parents), &requests, &frame, Care::Full);
    assert!(settled.drafted.iter().all(|&d| !d));
    let direct = update(at(&moved, &parents), &requests, &before, Care::Full);
    assert_eq!(direct.found[1], before.found[1], "kept with care too");
    assert_eq!(settled.found, direct.found);
    assert_eq!(settled.paths, direct.paths);
    assert_eq!(
        update(at(&moved, &parents), &requests, &settled, Care::Full),
        settled
    );
}

#[test]
fn an_edit_reroutes_what_it_touched_and_keeps_the_rest() {
    let rects = vec![
        rect(0.0, 0.0),
        rect(0.0, 300.0),
        rect(600.0, 0.0),
        rect(600.0, 300.0),
        rect(1200.0, 300.0),
    ];
    let parents = vec![None; 5];
    let boxes = Boxes {
        rects: &rects,
        parents: &parents,
    };
    let requests = vec![
        request(0, 1, LinkKind::Accountability),
        request(2, 3, LinkKind::Accountability),
    ];
    let before = route(boxes, &requests);
    assert_eq!(
        update(boxes, &requests, &before, Care::Full),
        before,
        "nothing changed"
    );

    // A link added in front of the others: theirs keep their way, the new one is routed.
    let mut added = vec![request(2, 4, LinkKind::Commissioning)];
    added.extend(requests.iter().cloned());
    let after = update(boxes, &added, &before, Care::Full);
    assert_eq!(after.found[1..], before.found[..]);
    let line = after.paths[0].as_ref().expect("the new line is drawn");
    assert!(orthogonal(line));
    let m = measured(&rects, &parents, &added, &after);
    assert_eq!((m.through_box, m.overlaps), (0, 0), "{m}");

    // A line bent anew is searched again, through its bend.
    let mut bent = requests.clone();
    bent[0].via = vec![Pos::new(-300.0, 150.0)];
    let after = update(boxes, &bent, &before, Care::Full);
    assert_eq!(after.found[1], before.found[1]);
    assert!(
        after.found[0]
            .as_ref()
            .is_some_and(|p| p.contains(&Pos::new(-300.0, 150.0)))
    );

    // Boxes put into a group: everything is routed afresh.
    let grouped = vec![None, Some(0), None, None, None];
    let regrouped = Boxes {
        rects: &rects,
        parents: &grouped,
    };
    assert_eq!(
        update(regrouped, &requests, &before, Care::Full),
        route(regrouped, &requests)
    );
}

#[test]
fn a_line_from_an_open_group_leaves_above_or_below_its_members() {
    // A group of three members in a row (its centre inside the middle one), a body above it
    // and one below: both lines start on the group, clear of every member, and are routed
    // rather than drawn straight.
    let group = Some(Rect::from_center(Pos::new(0.0, 0.0), 720.0, 140.0));
    let rects = vec![
        group,
        rect(-230.0, 13.0),
        rect(0.0, 13.0),
        rect(230.0, 13.0),
        rect(400.0, -300.0),
        rect(-400.0, 300.0),
    ];
    let parents = vec![None, Some(0), Some(0), Some(0), None, None];
    let requests = vec![
        request(0, 4, LinkKind::Accountability),
        request(5, 0, LinkKind::Membership),
    ];
    let boxes = Boxes {
        rects: &rects,
        parents: &parents,
    };
    let routes = route(boxes, &requests);
    for (i, path) in routes.paths.iter().enumerate() {
        let path = path.as_ref().unwrap();
        assert!(orthogonal(path), "line {i}: {path:?}");
        assert!(
            routes.found[i].as_ref().unwrap().len() > 2,
            "line {i} routed"
        );
    }
    let m = measured(&rects, &parents, &requests, &routes);
    assert_eq!(m.through_box, 0, "{:?}", routes.paths);
    // Up through the header, down through the strip below the members.
    let up = routes.paths[0].as_ref().unwrap();
    assert!((up[0].y - -70.0).abs() < 0.01, "{up:?}");
    let down = routes.paths[1].as_ref().unwrap();
    assert!((down[down.len() - 1].y - 70.0).abs() < 0.01, "{down:?}");
}

#[test]
fn past_its_budget_routing_draws_plain_lines_and_keeps_them_through_an_edit() {
    // A row of boxes above another, every upper box linked to the lower box below and to
    // the next one along.
    let mut rects = Vec::new();
    let mut requests = Vec::new();
    for k in 0..6 {
        rects.push(rect(300.0 * k as f32, 0.0));
        rects.push(rect(300.0 * k as f32, 300.0));
    }
    for k in 0..6 {
        requests.push(request(2 * k, 2 * k + 1, LinkKind::Accountability));
        requests.push(request(2 * k, (2 * k + 3) % 12, LinkKind::Commissioning));
    }
    let parents = vec![None; rects.len()];
    let boxes = Boxes {
        rects: &rects,
        parents: &parents,
    };
    let all = vec![true; requests.len()];
    // No budget at all: every line drawn plainly, at once, orthogonal, between its ends.
    let plain = route_with(boxes, &requests, &Routes::default(), &all, 0, Care::Full);
    assert!(plain.plain.iter().all(|&p| p));
    for (r, path) in requests.iter().zip(&plain.paths) {
        let path = path.as_ref().expect("drawn");
        assert!(orthogonal(path), "{path:?}");
        let ends = [rects[r.from].unwrap(), rects[r.to].unwrap()];
        for (p, end) in [path[0], path[path.len() - 1]].into_iter().zip(ends) {
            assert!(end.expand(0.5).contains(p) && !end.expand(-0.5).contains(p));
        }
    }
    // An edit searches the lines it touches and keeps the plain ones it does not.
    let mut moved = rects.clone();
    moved[10] = rect(1540.0, -40.0);
    let after = update(
        Boxes {
            rects: &moved,
            parents: &parents,
        },
        &requests,
        &plain,
        Care::Full,
    );
    for (i, r) in requests.iter().enumerate() {
        if r.from == 10 || r.to == 10 {
            assert!(!after.plain[i], "line {i} searched");
        } else {
            assert_eq!(after.found[i], plain.found[i], "line {i} kept");
        }
    }
}

#[test]
fn a_path_through_its_end_box_is_cut_where_it_first_reaches_it() {
    // Down into the top of the box, on through it to a trunk below, round and back up into
    // its underside: drawn, it ends at the top, where the line first reaches the box.
    let from = Rect::from_center(Pos::new(0.0, 0.0), 200.0, 72.0);
    let to = Rect::from_center(Pos::new(0.0, 300.0), 200.0, 72.0);
    let points = vec![
        Pos::new(0.0, 0.0),
        Pos::new(0.0, 360.0),
        Pos::new(150.0, 360.0),
        Pos::new(150.0, 350.0),
        Pos::new(0.0, 350.0),
        Pos::new(0.0, 300.0),
    ];
    let drawn = clip_to_ends(points, from, to).unwrap();
    assert_eq!(drawn.len(), 2, "{drawn:?}");
    assert!(drawn[0].distance(Pos::new(0.0, 36.0)) < 0.01, "{drawn:?}");
    assert!(drawn[1].distance(Pos::new(0.0, 264.0)) < 0.01, "{drawn:?}");
}

#[test]
fn lines_on_one_track_are_pushed_apart_to_the_sides_they_part_towards() {
    // Two lines of different bundles on top of each other up one column and along one row:
    // `a` comes in from the left and leaves upwards, `b` from the right and on to the
    // right. Kept left of `b` up the column and above it along the row, `a` crosses `b`
    // nowhere; the other way round it would cross it twice. Tried with both bundle
    // numbers, so that the order cannot come from them.
    let a = [
        (-100.0, 200.0),
        (0.0, 200.0),
        (0.0, 0.0),
        (100.0, 0.0),
        (100.0, -100.0),
    ];
    let b = [(100.0, 200.0), (0.0, 200.0), (0.0, 0.0), (300.0, 0.0)];
    for (bundle_a, bundle_b) in [(0, 1), (1, 0)] {
        let mut pa: Vec<Pos> = a.iter().map(|&(x, y)| Pos::new(x, y)).collect();
        let mut pb: Vec<Pos> = b.iter().map(|&(x, y)| Pos::new(x, y)).collect();
        nudge_free(&mut [(&mut pa, bundle_a), (&mut pb, bundle_b)]);
        assert!(
            pa[2].x < pb[2].x,
            "a left of b up the column: {pa:?} {pb:?}"
        );
        assert!(pa[2].y < pb[2].y, "a above b along the row: {pa:?} {pb:?}");
        let crossings = pa
            .windows(2)
            .flat_map(|s| pb.windows(2).map(move |t| (s, t)))
            .filter(|(s, t)| measure::proper_crossing(s[0], s[1], t[0], t[1]).is_some())
            .count();
        assert_eq!(crossings, 0, "{pa:?} {pb:?}");
    }
}

#[test]
fn a_line_leaving_between_the_branches_of_a_fan_crosses_none() {
    // A board with four committees in the row below, two either side of its middle, and a
    // body two rows down straight below it that it funds. The fan's lines leave the board
    // together and turn left and right; the funding line goes straight on between them.
    // With the fan on one trunk, the funding line would cross one branch; split where its
    // lines part, it crosses neither.
    let mut rects = vec![rect(0.0, 0.0)];
    for x in [-690.0, -345.0, 345.0, 690.0] {
        rects.push(rect(x, 250.0));
    }
    rects.push(rect(0.0, 500.0));
    let parents = vec![None; rects.len()];
    let mut requests: Vec<Request> = (1..5).map(|c| request(c, 0, LinkKind::Committee)).collect();
    requests.push(request(0, 5, LinkKind::Funding));
    let (routes, m) = routed(&rects, &parents, &requests);
    assert_crosses_nothing(&m, &routes);
    // The fan meets the board at two points, one per side, either side of the funding line.
    let funding = routes.paths[4].as_ref().unwrap()[0].x;
    let board_ends: Vec<f32> = routes.paths[..4]
        .iter()
        .map(|p| p.as_ref().unwrap().last().unwrap().x)
        .collect();
    assert!(
        board_ends[0] < funding && board_ends[1] < funding,
        "{board_ends:?} {funding}"
    );
    assert!(
        board_ends[2] > funding && board_ends[3] > funding,
        "{board_ends:?} {funding}"
    );
}

#[test]
fn a_trunk_is_split_only_where_its_lines_leave_their_box() {
    // Two lines of one bundle share a column in the middle of their ways (`a` from the
    // left and back to the left, `b` from the right and back to the right) and a third
    // line of another bundle runs down that column. Away from their ends the trunk stays
    // whole (one coordinate for both); where both start, at the top of the column, it is
    // split around the third line.
    let p = |v: &[(f32, f32)]| -> Vec<Pos> { v.iter().map(|&(x, y)| Pos::new(x, y)).collect() };
    for stem in [false, true] {
        let mut pa = p(&[
            (-300.0, -200.0),
            (0.0, -200.0),
            (0.0, 100.0),
            (-200.0, 100.0),
        ]);
        let mut pb = p(&[(300.0, -200.0), (0.0, -200.0), (0.0, 100.0), (200.0, 100.0)]);
        let mut pc = p(&[(0.0, -300.0), (0.0, 300.0)]);
        if stem {
            // The same lines starting on the column itself.
            pa.remove(0);
            pb.remove(0);
        }
        nudge_free(&mut [(&mut pa, 0), (&mut pb, 0), (&mut pc, 1)]);
        let column_x = |points: &[Pos]| {
            points
                .windows(2)
                .find(|s| (s[0].x - s[1].x).abs() < 0.01 && s[1].y > s[0].y + 100.0)
                .map(|s| s[0].x)
                .unwrap()
        };
        let (xa, xb, xc) = (column_x(&pa), column_x(&pb), column_x(&pc));
        if stem {
            assert!(xa < xc && xc < xb, "split around c: {pa:?} {pb:?} {pc:?}");
        } else {
            assert!((xa - xb).abs() < 0.01, "one trunk: {pa:?} {pb:?} {pc:?}");
            assert!((xa - xc).abs() > 2.0, "c beside it: {pa:?} {pb:?} {pc:?}");
        }
    }
}

#[test]
fn a_line_goes_round_a_box_rather_than_cross_where_the_way_round_is_short_enough() {
    // Two bodies side by side, and a line straight up between them from a body below to one
    // above. Crossing it costs the first search less than going round (about 720 pt of
    // length and bends, above the top body or below the bottom one); the second try, with
    // crossings dearer, goes round, and the drawing then crosses nowhere.
    let rects = vec![
        rect(-350.0, 0.0),
        rect(350.0, 0.0),
        rect(0.0, -250.0),
        rect(0.0, 250.0),
    ];
    let parents = vec![None; rects.len()];
    let requests = vec![
        request(0, 1, LinkKind::Membership),
        request(3, 2, LinkKind::Accountability),
    ];
    let (routes, m) = routed(&rects, &parents, &requests);
    assert_crosses_nothing(&m, &routes);
    // Round a box: past the top or bottom body, or past a side body.
    let round = |p: &Option<Vec<Pos>>| {
        p.as_ref()
            .unwrap()
            .iter()
            .any(|q| q.y.abs() > 286.0 || q.x.abs() > 450.0)
    };
    assert!(
        round(&routes.paths[0]) || round(&routes.paths[1]),
        "{:?}",
        routes.paths
    );
}
