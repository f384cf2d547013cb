//! The optional `areas` tree in `site.yaml`: a county, its localities, their
//! primary care networks. A service listed for a wider area serves every
//! area inside it, so filtering by a locality must find county-wide
//! services, and a filter for the county finds services anywhere in it.
//!
//! ```yaml
//! areas:
//!   All of Dorset:
//!     Dorset Council area: [Weymouth and Portland, Dorchester]
//!     Bournemouth, Christchurch and Poole: [Bournemouth, Poole]
//! ```

use crate::fields::Sink;
use crate::yaml::{Node, Value};

/// Every area of the tree in reading order, each knowing its parent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AreaTree {
    nodes: Vec<Area>,
}

#[derive(Debug, Clone, PartialEq)]
struct Area {
    name: String,
    parent: Option<usize>,
    depth: usize,
}

impl AreaTree {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Every area's name, in the tree's order.
    pub fn names(&self) -> Vec<&str> {
        self.nodes.iter().map(|a| a.name.as_str()).collect()
    }

    /// The area named `name` (case and spacing as written, but not case-sensitive).
    pub fn find(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|a| a.name.eq_ignore_ascii_case(name.trim()))
    }

    pub fn name(&self, area: usize) -> &str {
        &self.nodes[area].name
    }

    /// How deep the area sits: 0 for the widest.
    pub fn depth(&self, area: usize) -> usize {
        self.nodes[area].depth
    }

    /// Whether other areas lie inside it.
    pub fn is_wide(&self, area: usize) -> bool {
        self.nodes.iter().any(|a| a.parent == Some(area))
    }

    /// The area, the areas around it and the areas inside it: a service
    /// listed for `area` matches a filter for any of them.
    pub fn related(&self, area: usize) -> Vec<usize> {
        let mut out = vec![area];
        let mut up = self.nodes[area].parent;
        while let Some(p) = up {
            out.push(p);
            up = self.nodes[p].parent;
        }
        out.extend((0..self.nodes.len()).filter(|&i| self.is_inside(i, area)));
        out.sort_unstable();
        out
    }

    fn is_inside(&self, mut area: usize, outer: usize) -> bool {
        while let Some(p) = self.nodes[area].parent {
            if p == outer {
                return true;
            }
            area = p;
        }
        false
    }
}

/// Reads `areas:`: a mapping of each area to the areas inside it (another
/// mapping, a list of names, or nothing), or a list at any level.
pub fn read(node: &Node, sink: &mut Sink) -> AreaTree {
    let mut tree = AreaTree::default();
    read_level(node, None, "areas", &mut tree, sink);
    tree
}

fn read_level(node: &Node, parent: Option<usize>, field: &str, tree: &mut AreaTree, sink: &mut Sink) {
    match &node.value {
        Value::Null => {}
        Value::Map(entries) => {
            for (key, inside) in entries {
                if let Some(area) = add(key, parent, field, tree, sink) {
                    read_level(inside, Some(area), &format!("{field}.{}", tree.nodes[area].name), tree, sink);
                }
            }
        }
        Value::Seq(items) => {
            for item in items {
                match &item.value {
                    Value::Map(_) => read_level(item, parent, field, tree, sink),
                    _ => {
                        add(item, parent, field, tree, sink);
                    }
                }
            }
        }
        _ => sink.wrong(node, field, "a mapping of each area to the areas inside it, or a list of area names"),
    }
}

fn add(name: &Node, parent: Option<usize>, field: &str, tree: &mut AreaTree, sink: &mut Sink) -> Option<usize> {
    let Some(text) = name.as_str().map(str::trim).filter(|t| !t.is_empty()) else {
        sink.wrong(name, field, "an area's name as text");
        return None;
    };
    if tree.find(text).is_some() {
        let found = crate::diagnostics::quote(text);
        sink.error(name.pos, field, format!("found {found} a second time, expected each area once in the tree"));
        return None;
    }
    let depth = parent.map_or(0, |p| tree.nodes[p].depth + 1);
    tree.nodes.push(Area { name: text.to_string(), parent, depth });
    Some(tree.nodes.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(yaml: &str) -> (AreaTree, Vec<String>) {
        let node = crate::yaml::parse(yaml).unwrap();
        let mut sink = Sink::new("site.yaml");
        let t = read(&node, &mut sink);
        (t, sink.diagnostics.iter().map(|d| d.to_string()).collect())
    }

    const DORSET: &str = "All of Dorset:\n  Dorset Council area: [Weymouth and Portland, Dorchester]\n  BCP:\n    - Poole\n    - Bournemouth:\n        - Boscombe PCN\n";

    #[test]
    fn a_wider_area_relates_to_the_areas_inside_and_around_it() {
        let (t, errors) = tree(DORSET);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            t.names(),
            [
                "All of Dorset",
                "Dorset Council area",
                "Weymouth and Portland",
                "Dorchester",
                "BCP",
                "Poole",
                "Bournemouth",
                "Boscombe PCN"
            ]
        );
        let names = |ids: Vec<usize>| ids.into_iter().map(|i| t.name(i).to_string()).collect::<Vec<_>>();
        let weymouth = t.find("weymouth and portland").unwrap();
        assert_eq!(names(t.related(weymouth)), ["All of Dorset", "Dorset Council area", "Weymouth and Portland"]);
        let bcp = t.find("BCP").unwrap();
        assert_eq!(names(t.related(bcp)), ["All of Dorset", "BCP", "Poole", "Bournemouth", "Boscombe PCN"]);
        assert!(t.is_wide(bcp) && !t.is_wide(weymouth));
        assert_eq!(t.depth(t.find("Boscombe PCN").unwrap()), 3);
    }

    #[test]
    fn a_name_twice_or_not_text_is_an_error_at_its_line() {
        let (_, errors) = tree("Dorset:\n  - Poole\n  - Poole\n  - [x]\n");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].contains("site.yaml:3:5") && errors[0].contains("found \"Poole\" a second time"),
            "{errors:?}"
        );
        assert!(
            errors[1].contains("site.yaml:4:5") && errors[1].contains("expected an area's name as text"),
            "{errors:?}"
        );
    }
}
