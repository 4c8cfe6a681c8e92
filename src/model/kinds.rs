//! The vocabulary of the field: kinds of body, kinds of link, tiers and maturity, with the
//! defaults and fits that file-format.md gives them. Everything about a kind that is not
//! drawing (colours and shapes live in `scene`) is decided here, once.

use serde::Deserialize;

/// A kind of body in an integrated care system (file-format.md, "Node kinds").
///
/// The variant names are the names written in model files: renaming one is a format change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum NodeKind {
    /// NHS England, its national or regional teams.
    NhsEngland,
    /// An Integrated Care Board: the statutory NHS body that plans and funds care for a system.
    IntegratedCareBoard,
    /// An Integrated Care Partnership: the statutory joint committee of the ICB and its councils.
    IntegratedCarePartnership,
    /// A system partnership board, where commissioners and providers agree outcomes.
    PartnershipBoard,
    /// A strategic commissioner, which commissions the delivery of the system strategy.
    StrategicCommissioner,
    /// A Clinical Commissioning Group (abolished 1 July 2022).
    ClinicalCommissioningGroup,
    /// A commissioning support unit.
    CommissioningSupportUnit,
    /// A provider collaborative: providers working together at scale.
    ProviderCollaborative,
    /// An integrated care provider: a place-level provider alliance or contract.
    IntegratedCareProvider,
    /// A place partnership: partners planning and delivering care in a place.
    PlacePartnership,
    /// An upper-tier or unitary council.
    LocalAuthority,
    /// A combined authority of several councils.
    CombinedAuthority,
    /// A health and wellbeing board, the statutory board of a council.
    HealthAndWellbeingBoard,
    /// An NHS trust or foundation trust.
    NhsTrust,
    /// Local Healthwatch, the public's voice.
    Healthwatch,
    /// A voluntary, community or social enterprise organisation.
    VoluntarySector,
    /// A Primary Care Network of GP practices.
    PrimaryCareNetwork,
    /// A GP practice.
    GpPractice,
    /// A committee, joint committee or committees-in-common.
    Committee,
    /// Any other body.
    Other,
}

/// The family a kind belongs to. The diagram colours and shapes bodies by family, so that a
/// reader sees at once who commissions, who provides and who only convenes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// NHS England and other national bodies.
    National,
    /// NHS commissioners.
    Commissioner,
    /// NHS providers and their collaboratives.
    Provider,
    /// General practice and primary care networks.
    PrimaryCare,
    /// Councils and combined authorities.
    LocalGovernment,
    /// Partnerships, boards and committees that convene others.
    Partnership,
    /// The voluntary sector and Healthwatch.
    Community,
    /// Any other body.
    Other,
}

/// The layers of the system, highest first (rules.md "Tiers rank").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Tier {
    /// England as a whole.
    National,
    /// An NHS region.
    Region,
    /// An integrated care system.
    System,
    /// A place within a system (usually a council's area).
    Place,
    /// A neighbourhood within a place.
    Neighbourhood,
}

/// How far a place or partnership has come (used by rule D05).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Maturity {
    /// Just starting.
    Emerging,
    /// Working, with gaps.
    Developing,
    /// Mostly in place.
    Maturing,
    /// Fully in place and delivering.
    Thriving,
}

/// A kind of link. Every link is directed `from` → `to` and reads as a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum LinkKind {
    /// `from` answers to `to`.
    Accountability,
    /// `from` sits on `to`.
    Membership,
    /// `from` delegates functions to `to`.
    Delegation,
    /// `from` commissions services from `to`.
    Commissioning,
    /// `from` funds `to`.
    Funding,
    /// `from` is a committee of `to`.
    Committee,
    /// `from` and `to` work together (no direction of authority).
    Collaboration,
}

/// How well a link kind fits a pair of bodies: what the link tool offers first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fit {
    /// What a designer would usually draw between these two kinds.
    Usual,
    /// Possible, and not flagged, but not what is usually meant.
    Possible,
    /// The validator flags it (for example membership of a body that has no members).
    Flagged,
}

impl NodeKind {
    /// Every kind, in the order of file-format.md (also the palette's order within a family).
    pub const ALL: [NodeKind; 20] = [
        NodeKind::NhsEngland,
        NodeKind::IntegratedCareBoard,
        NodeKind::IntegratedCarePartnership,
        NodeKind::PartnershipBoard,
        NodeKind::StrategicCommissioner,
        NodeKind::ClinicalCommissioningGroup,
        NodeKind::CommissioningSupportUnit,
        NodeKind::ProviderCollaborative,
        NodeKind::IntegratedCareProvider,
        NodeKind::PlacePartnership,
        NodeKind::LocalAuthority,
        NodeKind::CombinedAuthority,
        NodeKind::HealthAndWellbeingBoard,
        NodeKind::NhsTrust,
        NodeKind::Healthwatch,
        NodeKind::VoluntarySector,
        NodeKind::PrimaryCareNetwork,
        NodeKind::GpPractice,
        NodeKind::Committee,
        NodeKind::Other,
    ];

    /// The name written in model files.
    pub fn file_name(self) -> &'static str {
        match self {
            NodeKind::NhsEngland => "NhsEngland",
            NodeKind::IntegratedCareBoard => "IntegratedCareBoard",
            NodeKind::IntegratedCarePartnership => "IntegratedCarePartnership",
            NodeKind::PartnershipBoard => "PartnershipBoard",
            NodeKind::StrategicCommissioner => "StrategicCommissioner",
            NodeKind::ClinicalCommissioningGroup => "ClinicalCommissioningGroup",
            NodeKind::CommissioningSupportUnit => "CommissioningSupportUnit",
            NodeKind::ProviderCollaborative => "ProviderCollaborative",
            NodeKind::IntegratedCareProvider => "IntegratedCareProvider",
            NodeKind::PlacePartnership => "PlacePartnership",
            NodeKind::LocalAuthority => "LocalAuthority",
            NodeKind::CombinedAuthority => "CombinedAuthority",
            NodeKind::HealthAndWellbeingBoard => "HealthAndWellbeingBoard",
            NodeKind::NhsTrust => "NhsTrust",
            NodeKind::Healthwatch => "Healthwatch",
            NodeKind::VoluntarySector => "VoluntarySector",
            NodeKind::PrimaryCareNetwork => "PrimaryCareNetwork",
            NodeKind::GpPractice => "GpPractice",
            NodeKind::Committee => "Committee",
            NodeKind::Other => "Other",
        }
    }

    /// The name shown to people. "ICP" is ambiguous in the field, so both ICPs are always
    /// spelled out.
    pub fn display_name(self) -> &'static str {
        match self {
            NodeKind::NhsEngland => "NHS England",
            NodeKind::IntegratedCareBoard => "Integrated Care Board",
            NodeKind::IntegratedCarePartnership => "Integrated Care Partnership",
            NodeKind::PartnershipBoard => "System Partnership Board",
            NodeKind::StrategicCommissioner => "Strategic Commissioner",
            NodeKind::ClinicalCommissioningGroup => "Clinical Commissioning Group",
            NodeKind::CommissioningSupportUnit => "Commissioning Support Unit",
            NodeKind::ProviderCollaborative => "Provider collaborative",
            NodeKind::IntegratedCareProvider => "Integrated Care Provider",
            NodeKind::PlacePartnership => "Place-based partnership",
            NodeKind::LocalAuthority => "Local authority",
            NodeKind::CombinedAuthority => "Combined authority",
            NodeKind::HealthAndWellbeingBoard => "Health and Wellbeing Board",
            NodeKind::NhsTrust => "NHS trust",
            NodeKind::Healthwatch => "Local Healthwatch",
            NodeKind::VoluntarySector => "Voluntary sector",
            NodeKind::PrimaryCareNetwork => "Primary Care Network",
            NodeKind::GpPractice => "GP practice",
            NodeKind::Committee => "Committee",
            NodeKind::Other => "Other body",
        }
    }

    /// One line on what the kind is, for tooltips and the legend's long form.
    pub fn description(self) -> &'static str {
        match self {
            NodeKind::NhsEngland => "NHS England, national or regional team",
            NodeKind::IntegratedCareBoard => {
                "Statutory NHS body that plans and funds care for the system"
            }
            NodeKind::IntegratedCarePartnership => {
                "Statutory joint committee of the ICB and its local authorities"
            }
            NodeKind::PartnershipBoard => {
                "Commissioners and providers agree the outcomes the system wants"
            }
            NodeKind::StrategicCommissioner => {
                "Commissions the delivery of the system strategy (formed from merged CCGs)"
            }
            NodeKind::ClinicalCommissioningGroup => {
                "Clinical Commissioning Group (abolished 1 July 2022)"
            }
            NodeKind::CommissioningSupportUnit => "Commissioning support services",
            NodeKind::ProviderCollaborative => "Providers working together at scale",
            NodeKind::IntegratedCareProvider => "Place-level provider alliance or contract",
            NodeKind::PlacePartnership => "Partners planning and delivering care in a place",
            NodeKind::LocalAuthority => "Upper-tier or unitary council",
            NodeKind::CombinedAuthority => "Combined authority of several councils",
            NodeKind::HealthAndWellbeingBoard => "Statutory board of the local authority",
            NodeKind::NhsTrust => "NHS trust or foundation trust",
            NodeKind::Healthwatch => "Local Healthwatch: the public's voice",
            NodeKind::VoluntarySector => "Voluntary, community and social enterprise organisation",
            NodeKind::PrimaryCareNetwork => "Primary Care Network of GP practices",
            NodeKind::GpPractice => "GP practice",
            NodeKind::Committee => "Committee, joint committee or committees-in-common",
            NodeKind::Other => "Any other body; its label says what it is",
        }
    }

    /// Whether the kind has statutory force unless the node says otherwise. A `Committee`
    /// takes its force from its parent, so it has no default of its own (see
    /// `ModelIndex::is_statutory`).
    pub fn default_statutory(self) -> bool {
        match self {
            NodeKind::NhsEngland
            | NodeKind::IntegratedCareBoard
            | NodeKind::IntegratedCarePartnership
            | NodeKind::StrategicCommissioner
            | NodeKind::ClinicalCommissioningGroup
            | NodeKind::LocalAuthority
            | NodeKind::CombinedAuthority
            | NodeKind::HealthAndWellbeingBoard
            | NodeKind::NhsTrust
            | NodeKind::Healthwatch => true,
            NodeKind::PartnershipBoard
            | NodeKind::CommissioningSupportUnit
            | NodeKind::ProviderCollaborative
            | NodeKind::IntegratedCareProvider
            | NodeKind::PlacePartnership
            | NodeKind::VoluntarySector
            | NodeKind::PrimaryCareNetwork
            | NodeKind::GpPractice
            | NodeKind::Committee
            | NodeKind::Other => false,
        }
    }

    /// The tier a body of this kind sits on unless the node says otherwise. A `Committee`
    /// sits with its parent; `System` is its fallback.
    pub fn default_tier(self) -> Tier {
        match self {
            NodeKind::NhsEngland => Tier::National,
            NodeKind::IntegratedCareBoard
            | NodeKind::IntegratedCarePartnership
            | NodeKind::PartnershipBoard
            | NodeKind::StrategicCommissioner
            | NodeKind::ClinicalCommissioningGroup
            | NodeKind::CommissioningSupportUnit
            | NodeKind::ProviderCollaborative
            | NodeKind::CombinedAuthority
            | NodeKind::Committee => Tier::System,
            NodeKind::IntegratedCareProvider
            | NodeKind::PlacePartnership
            | NodeKind::LocalAuthority
            | NodeKind::HealthAndWellbeingBoard
            | NodeKind::NhsTrust
            | NodeKind::Healthwatch
            | NodeKind::VoluntarySector
            | NodeKind::Other => Tier::Place,
            NodeKind::PrimaryCareNetwork | NodeKind::GpPractice => Tier::Neighbourhood,
        }
    }

    /// The family the kind belongs to (its colour and shape in the diagram).
    pub fn family(self) -> Family {
        match self {
            NodeKind::NhsEngland => Family::National,
            NodeKind::IntegratedCareBoard
            | NodeKind::StrategicCommissioner
            | NodeKind::ClinicalCommissioningGroup
            | NodeKind::CommissioningSupportUnit => Family::Commissioner,
            NodeKind::ProviderCollaborative
            | NodeKind::IntegratedCareProvider
            | NodeKind::NhsTrust => Family::Provider,
            NodeKind::PrimaryCareNetwork | NodeKind::GpPractice => Family::PrimaryCare,
            NodeKind::LocalAuthority | NodeKind::CombinedAuthority => Family::LocalGovernment,
            NodeKind::IntegratedCarePartnership
            | NodeKind::PartnershipBoard
            | NodeKind::PlacePartnership
            | NodeKind::HealthAndWellbeingBoard
            | NodeKind::Committee => Family::Partnership,
            NodeKind::Healthwatch | NodeKind::VoluntarySector => Family::Community,
            NodeKind::Other => Family::Other,
        }
    }

    /// Bodies that have members (rules.md "Forum kinds").
    pub fn is_forum(self) -> bool {
        matches!(
            self,
            NodeKind::IntegratedCareBoard
                | NodeKind::IntegratedCarePartnership
                | NodeKind::PartnershipBoard
                | NodeKind::StrategicCommissioner
                | NodeKind::ProviderCollaborative
                | NodeKind::IntegratedCareProvider
                | NodeKind::PlacePartnership
                | NodeKind::HealthAndWellbeingBoard
                | NodeKind::PrimaryCareNetwork
                | NodeKind::Committee
        )
    }

    /// Forums expected to have their members drawn (rules.md "Partnership kinds").
    pub fn is_partnership(self) -> bool {
        matches!(
            self,
            NodeKind::PartnershipBoard
                | NodeKind::PlacePartnership
                | NodeKind::ProviderCollaborative
                | NodeKind::IntegratedCareProvider
                | NodeKind::HealthAndWellbeingBoard
        )
    }

    /// Whether a `Membership` link may go into this kind without breaking rule S01.
    pub fn accepts_members(self) -> bool {
        self.is_forum() || matches!(self, NodeKind::VoluntarySector | NodeKind::Other)
    }

    /// General practice, as the membership rules mean it.
    pub fn is_general_practice(self) -> bool {
        matches!(self, NodeKind::PrimaryCareNetwork | NodeKind::GpPractice)
    }

    /// Bodies that usually hold contracts for services.
    fn is_commissioner(self) -> bool {
        matches!(
            self,
            NodeKind::NhsEngland
                | NodeKind::IntegratedCareBoard
                | NodeKind::StrategicCommissioner
                | NodeKind::ClinicalCommissioningGroup
                | NodeKind::LocalAuthority
                | NodeKind::CombinedAuthority
        )
    }

    /// Bodies that usually deliver services under contract.
    fn is_provider(self) -> bool {
        matches!(
            self,
            NodeKind::NhsTrust
                | NodeKind::IntegratedCareProvider
                | NodeKind::ProviderCollaborative
                | NodeKind::PrimaryCareNetwork
                | NodeKind::GpPractice
                | NodeKind::VoluntarySector
                | NodeKind::CommissioningSupportUnit
                | NodeKind::Healthwatch
                | NodeKind::Other
        )
    }

    /// The kind written as `name` in a model file, if there is one.
    pub fn from_file_name(name: &str) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.file_name() == name)
    }
}

impl Tier {
    /// Highest first.
    pub const ALL: [Tier; 5] = [
        Tier::National,
        Tier::Region,
        Tier::System,
        Tier::Place,
        Tier::Neighbourhood,
    ];

    /// The kind's name as written in model files.
    pub fn file_name(self) -> &'static str {
        match self {
            Tier::National => "National",
            Tier::Region => "Region",
            Tier::System => "System",
            Tier::Place => "Place",
            Tier::Neighbourhood => "Neighbourhood",
        }
    }

    /// The kind's name as people say it ("Integrated Care Board").
    pub fn display_name(self) -> &'static str {
        self.file_name()
    }

    /// 0 for National, rising downwards; a body on a higher rank number is on a lower tier.
    pub fn rank(self) -> usize {
        self as usize
    }
}

impl Maturity {
    /// Every maturity, least mature first.
    pub const ALL: [Maturity; 4] = [
        Maturity::Emerging,
        Maturity::Developing,
        Maturity::Maturing,
        Maturity::Thriving,
    ];

    /// The maturity's name as written in model files.
    pub fn file_name(self) -> &'static str {
        match self {
            Maturity::Emerging => "Emerging",
            Maturity::Developing => "Developing",
            Maturity::Maturing => "Maturing",
            Maturity::Thriving => "Thriving",
        }
    }
}

impl LinkKind {
    /// Every kind of link, in the order the link menu lists them.
    pub const ALL: [LinkKind; 7] = [
        LinkKind::Accountability,
        LinkKind::Membership,
        LinkKind::Delegation,
        LinkKind::Commissioning,
        LinkKind::Funding,
        LinkKind::Committee,
        LinkKind::Collaboration,
    ];

    /// The link kind's name as written in model files.
    pub fn file_name(self) -> &'static str {
        match self {
            LinkKind::Accountability => "Accountability",
            LinkKind::Membership => "Membership",
            LinkKind::Delegation => "Delegation",
            LinkKind::Commissioning => "Commissioning",
            LinkKind::Funding => "Funding",
            LinkKind::Committee => "Committee",
            LinkKind::Collaboration => "Collaboration",
        }
    }

    /// The link kind's name as people say it ("Accountability").
    pub fn display_name(self) -> &'static str {
        match self {
            LinkKind::Accountability => "Accountable to",
            LinkKind::Membership => "Member of",
            LinkKind::Delegation => "Delegates to",
            LinkKind::Commissioning => "Commissions",
            LinkKind::Funding => "Funds",
            LinkKind::Committee => "Committee of",
            LinkKind::Collaboration => "Collaborates with",
        }
    }

    /// The link read as a sentence between two names.
    pub fn sentence(self, from: &str, to: &str) -> String {
        match self {
            LinkKind::Accountability => format!("{from} is accountable to {to}"),
            LinkKind::Membership => format!("{from} sits on {to}"),
            LinkKind::Delegation => format!("{from} delegates decisions to {to}"),
            LinkKind::Commissioning => format!("{from} commissions services from {to}"),
            LinkKind::Funding => format!("{from} funds {to}"),
            LinkKind::Committee => format!("{from} is a committee of {to}"),
            LinkKind::Collaboration => format!("{from} and {to} collaborate"),
        }
    }

    /// Collaboration has no direction; every other kind does.
    pub fn is_directed(self) -> bool {
        self != LinkKind::Collaboration
    }

    /// How well this link kind fits a link from a body of kind `from` to one of kind `to`.
    /// The validator has the last word; this only orders what the link tool offers.
    pub fn fit(self, from: NodeKind, to: NodeKind) -> Fit {
        let from_tier = from.default_tier().rank();
        let to_tier = to.default_tier().rank();
        match self {
            LinkKind::Membership => {
                if !to.accepts_members() {
                    Fit::Flagged
                } else if to.is_forum() && from != NodeKind::NhsEngland {
                    Fit::Usual
                } else {
                    Fit::Possible
                }
            }
            LinkKind::Committee => {
                if !from.is_forum() {
                    Fit::Flagged
                } else if from == NodeKind::Committee && to.default_statutory() {
                    Fit::Usual
                } else {
                    Fit::Possible
                }
            }
            LinkKind::Accountability => {
                if to_tier <= from_tier && to != from || to == NodeKind::NhsEngland {
                    Fit::Usual
                } else {
                    Fit::Possible
                }
            }
            LinkKind::Delegation => {
                if !from.default_statutory() {
                    Fit::Flagged
                } else if to.default_statutory() || to == NodeKind::Committee {
                    Fit::Usual
                } else {
                    Fit::Possible
                }
            }
            LinkKind::Commissioning => {
                if !from.default_statutory() {
                    Fit::Flagged
                } else if from.is_commissioner() && to.is_provider() {
                    Fit::Usual
                } else {
                    Fit::Possible
                }
            }
            LinkKind::Funding => {
                if from.is_commissioner() {
                    Fit::Usual
                } else {
                    Fit::Possible
                }
            }
            LinkKind::Collaboration => {
                if from.family() == to.family() || from_tier == to_tier {
                    Fit::Usual
                } else {
                    Fit::Possible
                }
            }
        }
    }

    /// Every link kind, the ones that fit the pair best first (stable within a fit).
    pub fn suggestions(from: NodeKind, to: NodeKind) -> Vec<(LinkKind, Fit)> {
        let mut all: Vec<(LinkKind, Fit)> = LinkKind::ALL
            .iter()
            .map(|&k| (k, k.fit(from, to)))
            .collect();
        all.sort_by_key(|&(_, fit)| fit);
        all
    }
}

impl Family {
    /// Every family, in palette order.
    pub const ALL: [Family; 8] = [
        Family::National,
        Family::Commissioner,
        Family::Provider,
        Family::PrimaryCare,
        Family::LocalGovernment,
        Family::Partnership,
        Family::Community,
        Family::Other,
    ];

    /// The family's name as people say it.
    pub fn display_name(self) -> &'static str {
        match self {
            Family::National => "National",
            Family::Commissioner => "NHS commissioners",
            Family::Provider => "Providers",
            Family::PrimaryCare => "Primary care",
            Family::LocalGovernment => "Local government",
            Family::Partnership => "Partnerships and forums",
            Family::Community => "Voluntary sector and public voice",
            Family::Other => "Other",
        }
    }

    /// The kinds of this family, in catalogue order.
    pub fn kinds(self) -> impl Iterator<Item = NodeKind> {
        NodeKind::ALL
            .into_iter()
            .filter(move |k| k.family() == self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_round_trip_and_are_unique() {
        for kind in NodeKind::ALL {
            assert_eq!(NodeKind::from_file_name(kind.file_name()), Some(kind));
            assert_eq!(format!("{kind:?}"), kind.file_name());
        }
        for kind in LinkKind::ALL {
            assert_eq!(format!("{kind:?}"), kind.file_name());
        }
        for tier in Tier::ALL {
            assert_eq!(format!("{tier:?}"), tier.file_name());
        }
        for m in Maturity::ALL {
            assert_eq!(format!("{m:?}"), m.file_name());
        }
    }

    #[test]
    fn the_two_icps_are_never_abbreviated_alike() {
        assert_eq!(
            NodeKind::IntegratedCarePartnership.display_name(),
            "Integrated Care Partnership"
        );
        assert_eq!(
            NodeKind::IntegratedCareProvider.display_name(),
            "Integrated Care Provider"
        );
    }

    #[test]
    fn defaults_follow_the_file_format_table() {
        assert!(NodeKind::IntegratedCareBoard.default_statutory());
        assert!(!NodeKind::PartnershipBoard.default_statutory());
        assert_eq!(NodeKind::NhsEngland.default_tier(), Tier::National);
        assert_eq!(NodeKind::GpPractice.default_tier(), Tier::Neighbourhood);
        assert_eq!(NodeKind::IntegratedCareProvider.default_tier(), Tier::Place);
        assert!(Tier::National.rank() < Tier::Neighbourhood.rank());
    }

    #[test]
    fn every_family_has_a_kind() {
        for family in Family::ALL {
            assert!(family.kinds().next().is_some(), "{family:?} is empty");
        }
    }

    #[test]
    fn the_link_tool_offers_membership_first_onto_a_board() {
        let offered = LinkKind::suggestions(NodeKind::GpPractice, NodeKind::PrimaryCareNetwork);
        assert_eq!(offered[0].1, Fit::Usual);
        assert!(
            offered
                .iter()
                .take_while(|(_, f)| *f == Fit::Usual)
                .any(|(k, _)| *k == LinkKind::Membership)
        );
        assert_eq!(
            LinkKind::Membership.fit(NodeKind::GpPractice, NodeKind::NhsTrust),
            Fit::Flagged
        );
        assert_eq!(
            LinkKind::Delegation.fit(NodeKind::PartnershipBoard, NodeKind::IntegratedCareBoard),
            Fit::Flagged
        );
    }
}
