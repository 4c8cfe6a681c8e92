//! The example models, built into the program so that File → New from template works
//! wherever the program is installed.

pub struct Template {
    pub name: &'static str,
    pub description: &'static str,
    pub text: &'static str,
}

pub const TEMPLATES: [Template; 3] = [
    Template {
        name: "Figure 1 operating model",
        description: "System Partnership Board, Strategic Commissioner and place-level Integrated Care Providers",
        text: include_str!("../../models/figure1-operating-model.icsmap.ron"),
    },
    Template {
        name: "ICB with delegated places",
        description: "A post-2022 system: place committees of the ICB with delegated functions",
        text: include_str!("../../models/icb-delegated-places.icsmap.ron"),
    },
    Template {
        name: "Good practice",
        description: "A small system that passes every rule",
        text: include_str!("../../models/good-practice.icsmap.ron"),
    },
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_template_opens() {
        for t in super::TEMPLATES {
            assert!(
                crate::open_str(t.text, std::path::Path::new(t.name)).is_ok(),
                "{}",
                t.name
            );
        }
    }
}
