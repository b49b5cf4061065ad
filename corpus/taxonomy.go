package corpus

// SectionKind is a canonical section id (domain.md, "Section kinds").
type SectionKind string

// The section kinds.
const (
	SectionSummary             SectionKind = "summary"
	SectionBackground          SectionKind = "background"
	SectionAssessment          SectionKind = "assessment"
	SectionCaseManagementPlan  SectionKind = "case_management_plan"
	SectionSupervision         SectionKind = "supervision"
	SectionPrisonTransfer      SectionKind = "prison_community_transfer"
	SectionMultiAgency         SectionKind = "multi_agency"
	SectionManagementOversight SectionKind = "management_oversight"
	SectionAnalysis            SectionKind = "analysis"
	SectionLearning            SectionKind = "learning"
	SectionOther               SectionKind = "other"
)

// SectionKinds lists every section kind in document order.
func SectionKinds() []SectionKind {
	return []SectionKind{SectionSummary, SectionBackground, SectionAssessment,
		SectionCaseManagementPlan, SectionSupervision, SectionPrisonTransfer,
		SectionMultiAgency, SectionManagementOversight, SectionAnalysis,
		SectionLearning, SectionOther}
}

// ValidSectionKind reports whether k is a canonical section kind.
func ValidSectionKind(k SectionKind) bool {
	for _, s := range SectionKinds() {
		if s == k {
			return true
		}
	}
	return false
}

// ThemeID is a canonical learning theme id (domain.md, "Learning themes").
type ThemeID string

// The learning themes.
const (
	ThemeAssessmentTimeliness   ThemeID = "assessment_timeliness"
	ThemeAssessmentQuality      ThemeID = "assessment_quality"
	ThemeCaseManagementPlan     ThemeID = "case_management_plan"
	ThemeInformationTransfer    ThemeID = "information_transfer"
	ThemeInformationSharing     ThemeID = "information_sharing"
	ThemeMAPPA                  ThemeID = "mappa"
	ThemeDomesticAbuse          ThemeID = "domestic_abuse"
	ThemeChildProtection        ThemeID = "child_protection"
	ThemeVictimSafety           ThemeID = "victim_safety"
	ThemeMentalHealth           ThemeID = "mental_health"
	ThemeSubstanceUse           ThemeID = "substance_use"
	ThemeAccommodation          ThemeID = "accommodation"
	ThemeContactSupervision     ThemeID = "contact_supervision"
	ThemeEnforcement            ThemeID = "enforcement"
	ThemeProfessionalCuriosity  ThemeID = "professional_curiosity"
	ThemeWorkloadStaffing       ThemeID = "workload_staffing"
	ThemeManagementOversight    ThemeID = "management_oversight"
	ThemeRecordKeeping          ThemeID = "record_keeping"
	ThemeInterventions          ThemeID = "interventions"
	ThemeEngagement             ThemeID = "engagement"
	ThemePandemicImpact         ThemeID = "pandemic_impact"
	ThemeNotificationTimeliness ThemeID = "notification_timeliness"
	ThemeEqualityDiversity      ThemeID = "equality_diversity"
	ThemeGoodPractice           ThemeID = "good_practice"
)

// ThemeIDs lists the 24 learning themes.
func ThemeIDs() []ThemeID {
	return []ThemeID{ThemeAssessmentTimeliness, ThemeAssessmentQuality,
		ThemeCaseManagementPlan, ThemeInformationTransfer, ThemeInformationSharing,
		ThemeMAPPA, ThemeDomesticAbuse, ThemeChildProtection, ThemeVictimSafety,
		ThemeMentalHealth, ThemeSubstanceUse, ThemeAccommodation,
		ThemeContactSupervision, ThemeEnforcement, ThemeProfessionalCuriosity,
		ThemeWorkloadStaffing, ThemeManagementOversight, ThemeRecordKeeping,
		ThemeInterventions, ThemeEngagement, ThemePandemicImpact,
		ThemeNotificationTimeliness, ThemeEqualityDiversity, ThemeGoodPractice}
}

// ValidThemeID reports whether id is a canonical theme id.
func ValidThemeID(id ThemeID) bool {
	for _, t := range ThemeIDs() {
		if t == id {
			return true
		}
	}
	return false
}
