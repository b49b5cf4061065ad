package corpus

import (
	"fmt"
	"strings"
)

// themeDescriptions say what each canonical theme means (domain primer).
var themeDescriptions = map[ThemeID]string{
	ThemeAssessmentTimeliness:   "Assessments missing or completed late.",
	ThemeAssessmentQuality:      "Risk under-estimated, assessment incomplete, not reviewed after a change, or the wrong tool.",
	ThemeCaseManagementPlan:     "The plan generic, not linked to the risk, or not reviewed or updated.",
	ThemeInformationTransfer:    "Prison-to-community handover: pre-release information late or missing.",
	ThemeInformationSharing:     "Agencies (police, health, housing, children's services) not sharing information.",
	ThemeMAPPA:                  "MAPPA referral, level or review not right.",
	ThemeDomesticAbuse:          "Domestic abuse not recognised, or checks not made.",
	ThemeChildProtection:        "Risk to children not considered, or no referral made.",
	ThemeVictimSafety:           "No victim safety planning; a victim or partner not contacted.",
	ThemeMentalHealth:           "Mental health needs unmet, or no referral made.",
	ThemeSubstanceUse:           "Alcohol or drug use unaddressed; overdose risk.",
	ThemeAccommodation:          "Homelessness or an unsuitable address; nothing arranged on release.",
	ThemeContactSupervision:     "Contact too infrequent, missed appointments not followed up, no home visits.",
	ThemeEnforcement:            "Breach or recall not pursued, or delayed.",
	ThemeProfessionalCuriosity:  "Self-report accepted without checking; no challenge.",
	ThemeWorkloadStaffing:       "Caseloads, vacancies, sickness, changes of worker, poor handover.",
	ThemeManagementOversight:    "Little or no oversight by managers; supervision of staff cancelled.",
	ThemeRecordKeeping:          "Records late or incomplete; no chronology.",
	ThemeInterventions:          "A programme or service not available or not offered.",
	ThemeEngagement:             "The person's disengagement and how the service responded.",
	ThemePandemicImpact:         "Covid-19 restrictions changed practice (phone-only contact, suspended groups).",
	ThemeNotificationTimeliness: "The serious incident notification was late.",
	ThemeEqualityDiversity:      "Needs linked to protected characteristics, culture or language not met.",
	ThemeGoodPractice:           "Practice the review singles out as good.",
}

// ThemeLabel is a theme's readable name: "case_management_plan" is "Case
// management plan", "mappa" is "MAPPA".
func ThemeLabel(id ThemeID) string {
	if id == ThemeMAPPA {
		return "MAPPA"
	}
	s := strings.ReplaceAll(string(id), "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ThemeDescription says what a canonical theme means ("" for others).
func ThemeDescription(id ThemeID) string { return themeDescriptions[id] }

// ThemeColour is a theme's colour (#RRGGBB) for code books and charts: the
// canonical themes around the colour wheel, others from their name.
func ThemeColour(id ThemeID) string {
	i := -1
	for n, t := range ThemeIDs() {
		if t == id {
			i = n
		}
	}
	if i < 0 {
		h := 0
		for _, c := range id {
			h = h*31 + int(c)
		}
		i = h & 0xff
	}
	hue := float64((i*137)%360) / 60 // golden-angle steps apart
	x := 1 - abs(mod2(hue)-1)
	var r, g, b float64
	switch int(hue) {
	case 0:
		r, g = 1, x
	case 1:
		r, g = x, 1
	case 2:
		g, b = 1, x
	case 3:
		g, b = x, 1
	case 4:
		r, b = x, 1
	default:
		r, b = 1, x
	}
	const s, v = 0.55, 0.85 // muted, readable behind text
	c := func(f float64) int { return int((1 - s + s*f) * v * 255) }
	return fmt.Sprintf("#%02X%02X%02X", c(r), c(g), c(b))
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func mod2(f float64) float64 {
	for f >= 2 {
		f -= 2
	}
	return f
}
