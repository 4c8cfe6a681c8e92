//! Loops of one link kind (accountability, delegation): each elementary cycle once, in
//! order, starting from its body that comes first in the file.

use petgraph::algo::{all_simple_paths, tarjan_scc};
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{HashMap, HashSet};
use std::hash::RandomState;

use super::context::Context;
use super::{Sink, names};
use crate::model::LinkKind;

/// No more loops than this are listed one by one; past it, the tangle is reported whole.
const MAX_CYCLES: usize = 50;
/// A tangle of more bodies than this is reported whole rather than loop by loop, so that a
/// hostile or generated model cannot make the enumeration explode.
const MAX_TANGLE_FOR_ENUMERATION: usize = 64;

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
    let handles: Vec<NodeIndex> = (0..context.node_count()).map(|n| graph.add_node(n)).collect();
    let mut edge_link: HashMap<(usize, usize), usize> = HashMap::new();
    for (link, from, to) in context.links_of(kind) {
        if let std::collections::hash_map::Entry::Vacant(e) = edge_link.entry((from, to)) {
            e.insert(link);
            graph.add_edge(handles[from], handles[to], link);
        }
    }

    let mut loops = Loops::default();
    let mut components: Vec<Vec<usize>> = tarjan_scc(&graph)
        .into_iter()
        .map(|c| {
            let mut nodes: Vec<usize> = c.into_iter().map(|h| graph[h]).collect();
            nodes.sort_unstable();
            nodes
        })
        .filter(|c| c.len() > 1 || edge_link.contains_key(&(c[0], c[0])))
        .collect();
    components.sort();

    for component in components {
        let room = MAX_CYCLES.saturating_sub(loops.cycles.len());
        let listed = if component.len() <= MAX_TANGLE_FOR_ENUMERATION && room > 0 {
            cycles_in(&component, &edge_link, room + 1)
        } else {
            Vec::new()
        };
        if listed.is_empty() || listed.len() > room {
            let members: HashSet<usize> = component.iter().copied().collect();
            let mut links: Vec<usize> = edge_link
                .iter()
                .filter(|((f, t), _)| members.contains(f) && members.contains(t))
                .map(|(_, &l)| l)
                .collect();
            links.sort_unstable();
            loops.tangles.push((component, links));
        } else {
            loops.cycles.extend(listed);
        }
    }
    loops
}

/// Elementary cycles within one strongly connected component, at most `limit`: for each
/// body in file order, the cycles through it that use only bodies after it in the file, so
/// that each cycle is found once, from its first body.
fn cycles_in(
    component: &[usize],
    edge_link: &HashMap<(usize, usize), usize>,
    limit: usize,
) -> Vec<Cycle> {
    let mut found = Vec::new();
    for (start_rank, &start) in component.iter().enumerate() {
        let allowed = &component[start_rank..];
        let mut sub: DiGraph<usize, ()> = DiGraph::new();
        let handle: HashMap<usize, NodeIndex> =
            allowed.iter().map(|&n| (n, sub.add_node(n))).collect();
        for &from in allowed {
            for &to in allowed {
                if edge_link.contains_key(&(from, to)) {
                    sub.add_edge(handle[&from], handle[&to], ());
                }
            }
        }
        if edge_link.contains_key(&(start, start)) {
            found.push(Cycle {
                nodes: vec![start],
                links: vec![edge_link[&(start, start)]],
            });
        }
        // Every cycle through `start` closes with an edge from one of its predecessors.
        let mut predecessors: Vec<usize> = allowed
            .iter()
            .copied()
            .filter(|&p| p != start && edge_link.contains_key(&(p, start)))
            .collect();
        predecessors.sort_unstable();
        for last in predecessors {
            let paths = all_simple_paths::<Vec<NodeIndex>, _, RandomState>(
                &sub,
                handle[&start],
                handle[&last],
                0,
                None,
            );
            for path in paths {
                let nodes: Vec<usize> = path.iter().map(|&h| sub[h]).collect();
                let links = nodes
                    .iter()
                    .zip(nodes.iter().cycle().skip(1))
                    .map(|(&a, &b)| edge_link[&(a, b)])
                    .collect();
                found.push(Cycle { nodes, links });
                if found.len() >= limit {
                    return found;
                }
            }
        }
    }
    found
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
            format!("{title} loop: {}", path.join(" → ")),
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
