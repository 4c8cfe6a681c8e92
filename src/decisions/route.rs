//! The route of a decision (decisions.md): how authority travels from the body that holds a
//! function in law to the body that takes the decision. Each step follows a `Delegation`
//! link (from → to) or a `Committee` link read from parent to committee, since a committee
//! acts for the body it is a committee of. Computed here only; the rules, the scheme, the
//! decision map and the editor all ask this module.

use std::collections::{HashMap, VecDeque};

use crate::model::{LinkKind, Model, ModelIndex};

/// A route: bodies from the holder to the taker, and the link each step follows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// Positions in `model.nodes`, holder first, taker last; the holder alone for a
    /// reserved decision.
    pub nodes: Vec<usize>,
    /// Positions in `model.links`: the link followed from `nodes[i]` to `nodes[i + 1]`.
    pub steps: Vec<usize>,
}

/// What the model says about one decision's route.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecisionRoute {
    /// Reserved (the holder alone) or delegated along this route.
    Found(Route),
    /// Taken by a body no route reaches from the holder.
    Missing {
        /// The holder's position in `model.nodes`.
        holder: usize,
        /// The taker's position in `model.nodes`.
        taker: usize,
    },
    /// The holder or the taker names no body (only a model built in code: the loader
    /// refuses such a file).
    Unresolved,
}

/// The steps authority may take out of each body, in link file order: the graph the routes
/// are searched in.
#[derive(Debug)]
pub struct AuthorityGraph {
    /// For each body, `(next body, link)` in link file order.
    next: Vec<Vec<(usize, usize)>>,
}

impl AuthorityGraph {
    /// The graph of `model`, whose `index` is given.
    pub fn new(model: &Model, index: &ModelIndex<'_>) -> AuthorityGraph {
        let mut next = vec![Vec::new(); model.nodes.len()];
        // Links are visited in file order, so each list is already in file order.
        for (l, link) in model.links.iter().enumerate() {
            let Some((from, to)) = index.ends(l) else {
                continue;
            };
            match link.kind {
                LinkKind::Delegation => next[from].push((to, l)),
                LinkKind::Committee => next[to].push((from, l)),
                _ => {}
            }
        }
        AuthorityGraph { next }
    }

    /// For every body `start` reaches, the body and link it is first reached by, searching
    /// breadth first with links in file order: the shortest route, the first found among
    /// equals.
    fn tree(&self, start: usize) -> HashMap<usize, (usize, usize)> {
        let mut reached: HashMap<usize, (usize, usize)> = HashMap::new();
        let mut queue = VecDeque::from([start]);
        while let Some(body) = queue.pop_front() {
            for &(to, link) in &self.next[body] {
                if to != start && !reached.contains_key(&to) {
                    reached.insert(to, (body, link));
                    queue.push_back(to);
                }
            }
        }
        reached
    }

    /// The route from `holder` to `taker`, if any.
    pub fn route(&self, holder: usize, taker: usize) -> Option<Route> {
        route_in(&self.tree(holder), holder, taker)
    }
}

fn route_in(tree: &HashMap<usize, (usize, usize)>, holder: usize, taker: usize) -> Option<Route> {
    let mut nodes = vec![taker];
    let mut steps = Vec::new();
    let mut body = taker;
    while body != holder {
        let &(previous, link) = tree.get(&body)?;
        nodes.push(previous);
        steps.push(link);
        body = previous;
    }
    nodes.reverse();
    steps.reverse();
    Some(Route { nodes, steps })
}

/// The route of every decision of a model, by position in `model.decisions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Routes {
    /// One per decision, in file order.
    pub of: Vec<DecisionRoute>,
}

impl Routes {
    /// Searches once per distinct holder, so a scheme of many decisions held by a few bodies
    /// costs a few searches.
    pub fn new(model: &Model, index: &ModelIndex<'_>) -> Routes {
        if model.decisions.is_empty() {
            return Routes { of: Vec::new() };
        }
        let graph = AuthorityGraph::new(model, index);
        let mut trees: HashMap<usize, HashMap<usize, (usize, usize)>> = HashMap::new();
        let of = model
            .decisions
            .iter()
            .map(|d| {
                let (Some(holder), Some(taker)) =
                    (index.position(&d.holder), index.position(d.taker()))
                else {
                    return DecisionRoute::Unresolved;
                };
                if holder == taker {
                    return DecisionRoute::Found(Route {
                        nodes: vec![holder],
                        steps: Vec::new(),
                    });
                }
                let tree = trees.entry(holder).or_insert_with(|| graph.tree(holder));
                match route_in(tree, holder, taker) {
                    Some(route) => DecisionRoute::Found(route),
                    None => DecisionRoute::Missing { holder, taker },
                }
            })
            .collect();
        Routes { of }
    }

    /// The route of the decision at `decision`, when it has one.
    pub fn route(&self, decision: usize) -> Option<&Route> {
        match self.of.get(decision)? {
            DecisionRoute::Found(route) => Some(route),
            _ => None,
        }
    }
}

impl Route {
    /// Whether the decision stays with its holder.
    pub fn is_reserved(&self) -> bool {
        self.nodes.len() == 1
    }

    /// The taker: the last body of the route.
    pub fn taker(&self) -> usize {
        self.nodes[self.nodes.len() - 1]
    }

    /// The delegations of the route: every `Delegation` link from one body of the route to
    /// the next, in route order, then file order.
    pub fn delegations(&self, model: &Model, index: &ModelIndex<'_>) -> Vec<usize> {
        self.nodes
            .windows(2)
            .flat_map(|pair| delegations_between(model, index, pair[0], pair[1]))
            .collect()
    }

    /// Consecutive pairs of bodies on the route.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.nodes.windows(2).map(|pair| (pair[0], pair[1]))
    }

    /// The route as a sentence: "NS ICB → (delegates: community services budget) → Bury
    /// locality committee"; a committee step reads "(its committee)".
    pub fn sentence(&self, model: &Model, index: &ModelIndex<'_>) -> String {
        let name = |n: usize| model.nodes[n].display_name().trim().to_string();
        let mut out = name(self.nodes[0]);
        for (from, to) in self.pairs() {
            let delegations = delegations_between(model, index, from, to);
            let how = if delegations.is_empty() {
                "(its committee)".to_string()
            } else {
                let purposes: Vec<&str> = delegations
                    .iter()
                    .map(|&l| model.links[l].purpose.trim())
                    .filter(|p| !p.is_empty())
                    .collect();
                if purposes.is_empty() {
                    "(delegates)".to_string()
                } else {
                    format!("(delegates: {})", purposes.join("; "))
                }
            };
            out.push_str(" → ");
            out.push_str(&how);
            out.push_str(" → ");
            out.push_str(&name(to));
        }
        out
    }

    /// The bodies' names joined by arrows: "NS ICB → Bury locality committee".
    pub fn names(&self, model: &Model) -> String {
        self.nodes
            .iter()
            .map(|&n| model.nodes[n].display_name().trim())
            .collect::<Vec<_>>()
            .join(" → ")
    }
}

impl DecisionRoute {
    /// The route as a sentence for a person; says so when there is none.
    pub fn sentence(&self, model: &Model, index: &ModelIndex<'_>) -> String {
        match self {
            DecisionRoute::Found(route) if route.is_reserved() => format!(
                "Reserved to {}",
                model.nodes[route.nodes[0]].display_name().trim()
            ),
            DecisionRoute::Found(route) => route.sentence(model, index),
            DecisionRoute::Missing { holder, taker } => format!(
                "No route: nothing delegates from {} to {}",
                model.nodes[*holder].display_name().trim(),
                model.nodes[*taker].display_name().trim()
            ),
            DecisionRoute::Unresolved => "No route: a body it names is not in the model".into(),
        }
    }

    /// The bodies to light up for this decision: the route, or holder and taker when
    /// there is none.
    pub fn bodies(&self) -> Vec<usize> {
        match self {
            DecisionRoute::Found(route) => route.nodes.clone(),
            DecisionRoute::Missing { holder, taker } => vec![*holder, *taker],
            DecisionRoute::Unresolved => Vec::new(),
        }
    }

    /// The links to light up: the steps of the route and every delegation between its
    /// bodies.
    pub fn links(&self, model: &Model, index: &ModelIndex<'_>) -> Vec<usize> {
        match self {
            DecisionRoute::Found(route) => {
                let mut links = route.steps.clone();
                for l in route.delegations(model, index) {
                    if !links.contains(&l) {
                        links.push(l);
                    }
                }
                links
            }
            _ => Vec::new(),
        }
    }
}

/// `Delegation` links from `from` to `to`, in file order.
fn delegations_between(
    model: &Model,
    index: &ModelIndex<'_>,
    from: usize,
    to: usize,
) -> Vec<usize> {
    index
        .outgoing(from)
        .iter()
        .copied()
        .filter(|&l| {
            model.links[l].kind == LinkKind::Delegation
                && index.ends(l).is_some_and(|(_, t)| t == to)
        })
        .collect()
}
