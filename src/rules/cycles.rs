//! Loops of one link kind (accountability, delegation): each elementary cycle once, in
//! order, starting from its body that comes first in the file.

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

use super::context::Context;
use super::{Sink, names};
use crate::model::LinkKind;

/// No more loops than this are listed one by one; past it, the tangle is reported whole.
const MAX_CYCLES: usize = 50;
/// Steps of the walk for loops before a tangle is reported whole rather than loop by loop,
/// so that a hostile or generated model cannot make the enumeration explode.
const MAX_STEPS: usize = 200_000;

/// A loop: bodies in order (the first again after the last, implicitly) and the links that
/// join each to the next.
#[derive(Debug, PartialEq, Eq)]
pub struct Cycle {
    pub nodes: Vec<usize>,
    pub links: Vec<usize>,
}

/// What the loops of one kind come to.
#[derive(Debug, Default)]
pub struct Loops {
    pub cycles: Vec<Cycle>,
    /// Groups of bodies tied in loops too many to list: (bodies, links among them).
    pub tangles: Vec<(Vec<usize>, Vec<usize>)>,
}

pub fn find(context: &Context<'_>, kind: LinkKind) -> Loops {
    // One edge per ordered pair: the first link in file order stands for its duplicates.
    let mut graph: DiGraph<usize, usize> = DiGraph::with_capacity(context.node_count(), 0);
    let handles: Vec<NodeIndex> = (0..context.node_count())
        .map(|n| graph.add_node(n))
        .collect();
    let mut edge_link: HashMap<(usize, usize), usize> = HashMap::new();
    for (link, from, to) in context.links_of(kind) {
        if let std::collections::hash_map::Entry::Vacant(e) = edge_link.entry((from, to)) {
            e.insert(link);
            graph.add_edge(handles[from], handles[to], link);
        }
    }

    // Kosaraju rather than Tarjan: petgraph's Tarjan recurses once per body on a path and
    // overflows the stack on a long chain, which a file can hold.
    let components: Vec<Vec<usize>> = kosaraju_scc(&graph)
        .into_iter()
        .map(|c| {
            let mut nodes: Vec<usize> = c.into_iter().map(|h| graph[h]).collect();
            nodes.sort_unstable();
            nodes
        })
        .filter(|c| c.len() > 1 || edge_link.contains_key(&(c[0], c[0])))
        .collect();
    // The edges inside each component, gathered in one pass over all edges.
    let mut component_of = vec![usize::MAX; context.node_count()];
    for (c, nodes) in components.iter().enumerate() {
        for &n in nodes {
            component_of[n] = c;
        }
    }
    let mut inner_edges: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); components.len()];
    for (&(from, to), &link) in &edge_link {
        let c = component_of[from];
        if c != usize::MAX && c == component_of[to] {
            inner_edges[c].push((from, to, link));
        }
    }
    let mut order: Vec<usize> = (0..components.len()).collect();
    order.sort_by_key(|&c| components[c][0]);

    let mut loops = Loops::default();
    for c in order {
        let (component, edges) = (&components[c], &mut inner_edges[c]);
        edges.sort_unstable();
        let room = MAX_CYCLES.saturating_sub(loops.cycles.len());
        let listed = if room > 0 {
            cycles_in(component, edges, room + 1).unwrap_or_default()
        } else {
            Vec::new()
        };
        if listed.is_empty() || listed.len() > room {
            let mut links: Vec<usize> = edges.iter().map(|&(_, _, l)| l).collect();
            links.sort_unstable();
            loops.tangles.push((component.clone(), links));
        } else {
            loops.cycles.extend(listed);
        }
    }
    loops
}

/// Elementary cycles within one strongly connected component, at most `limit`: for each
/// body in file order, the cycles through it that use only bodies after it in the file, so
/// that each cycle is found once, from its first body. petgraph finds the components; the
/// walk inside one is written here because it must stop after a fixed amount of work (a
/// crafted file can hold more paths than there is time to look at), which petgraph's
/// path iterators cannot promise.
fn cycles_in(
    component: &[usize],
    edges: &[(usize, usize, usize)],
    limit: usize,
) -> Option<Vec<Cycle>> {
    let rank: HashMap<usize, usize> = component.iter().enumerate().map(|(r, &n)| (n, r)).collect();
    // Successors within the component, by rank (file order), with the link to each.
    let mut successors: Vec<Vec<(usize, usize)>> = vec![Vec::new(); component.len()];
    for &(from, to, link) in edges {
        successors[rank[&from]].push((rank[&to], link));
    }
    for list in &mut successors {
        list.sort_unstable();
    }
    // A cycle found from `start` closes through a body ranked after it; a body with no such
    // predecessor starts no cycle, which spares a long walk (around a long ring, say).
    let mut closes_from_later = vec![false; component.len()];
    for (from, list) in successors.iter().enumerate() {
        for &(to, _) in list {
            if from > to {
                closes_from_later[to] = true;
            }
        }
    }
    let mut budget = MAX_STEPS;
    let mut found = Vec::new();
    for start in (0..component.len()).filter(|&s| closes_from_later[s]) {
        // Depth-first over bodies ranked after `start`; `path` holds ranks, `next` the index
        // of the successor to try next at each depth.
        let mut path = vec![start];
        let mut next = vec![0usize];
        let mut on_path = vec![false; component.len()];
        on_path[start] = true;
        while let Some(&top) = path.last() {
            budget = budget.checked_sub(1)?;
            let depth = path.len() - 1;
            let Some(&(succ, _)) = successors[top].get(next[depth]) else {
                on_path[top] = false;
                path.pop();
                next.pop();
                continue;
            };
            next[depth] += 1;
            if succ == start {
                let nodes = path.iter().map(|&r| component[r]).collect();
                let links = path
                    .iter()
                    .zip(path.iter().skip(1).chain([&start]))
                    .filter_map(|(&a, &b)| {
                        successors[a]
                            .iter()
                            .find(|&&(to, _)| to == b)
                            .map(|&(_, l)| l)
                    })
                    .collect();
                found.push(Cycle { nodes, links });
                if found.len() >= limit {
                    return Some(found);
                }
            } else if succ > start && !on_path[succ] {
                on_path[succ] = true;
                path.push(succ);
                next.push(0);
            }
        }
    }
    Some(found)
}

/// Reports every loop of `kind` (`noun` names it in messages): one finding per cycle, naming
/// its bodies in order, and one per tangle too large to list.
pub fn report(cx: &Context<'_>, out: &mut Sink<'_>, kind: LinkKind, noun: &str) {
    let loops = find(cx, kind);
    for cycle in loops.cycles {
        let mut path: Vec<&str> = cycle.nodes.iter().map(|&n| cx.name(n)).collect();
        path.push(cx.name(cycle.nodes[0]));
        let mut title = noun.to_string();
        if let Some(first) = title.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        out.report(
            format!("{title} loop: {}", path.join(" -> ")),
            &cycle.nodes,
            &cycle.links,
        );
    }
    for (bodies, links) in loops.tangles {
        out.report(
            format!(
                "{} bodies are tied in {noun} loops too many to list: {}",
                bodies.len(),
                names(cx, &bodies)
            ),
            &bodies,
            &links,
        );
    }
}
