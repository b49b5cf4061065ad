package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPackagePatterns compiles every pattern the package compiles lazily,
// so that a bad one fails here, not in the first process to use it; and
// checks that the list names them all.
func TestPackagePatterns(t *testing.T) {
	pats := []struct {
		name string
		re   *lazyRegexp
	}{
		{"attendanceFactRE", attendanceFactRE},
		{"aboutIncidentRE", aboutIncidentRE},
		{"agencyHeldRE", agencyHeldRE},
		{"agencyInfoRE", agencyInfoRE},
		{"containerRE", containerRE},
		{"recommendedRE", recommendedRE},
		{"roleBeforeRE", roleBeforeRE},
		{"roleAfterRE", roleAfterRE},
		{"labelRE", labelRE},
		{"acceptedBackRE", acceptedBackRE},
		{"selfReportRE", selfReportRE},
		{"chaseRE", chaseRE},
		{"agencyOwnInfoRE", agencyOwnInfoRE},
		{"andRE", andRE},
		{"authorityLabelRE", authorityLabelRE},
		{"backRE", backRE},
		{"caseRefRE", caseRefRE},
		{"caseTitleRE", caseTitleRE},
		{"coordinateRE", coordinateRE},
		{"coordinatorRE", coordinatorRE},
		{"cutRE", cutRE},
		{"dateFieldRE", dateFieldRE},
		{"decisionRE", decisionRE},
		{"dmyTextRE", dmyTextRE},
		{"domainRE", domainRE},
		{"ellipsisRE", ellipsisRE},
		{"findingLabelRE", findingLabelRE},
		{"finiteRE", finiteRE},
		{"fractionRE", fractionRE},
		{"headingNumberRE", headingNumberRE},
		{"historyRE", historyRE},
		{"hmpRE", hmpRE},
		{"incidentAfterRE", incidentAfterRE},
		{"isoRE", isoRE},
		{"leadRE", leadRE},
		{"learningHeadRE", learningHeadRE},
		{"learningTitleRE", learningTitleRE},
		{"mappaCatRE", mappaCatRE},
		{"mappaLevelRE", mappaLevelRE},
		{"markingRE", markingRE},
		{"mdyTextRE", mdyTextRE},
		{"noMappaRE", noMappaRE},
		{"noYearRE", noYearRE},
		{"notYetRE", notYetRE},
		{"notifFieldRE", notifFieldRE},
		{"notifTitleRE", notifTitleRE},
		{"numberedHeadRE", numberedHeadRE},
		{"numericRE", numericRE},
		{"objectRE", objectRE},
		{"occasionRE", occasionRE},
		{"shareLeadRE", shareLeadRE},
		{"noticedRE", noticedRE},
		{"accountedVerbRE", accountedVerbRE},
		{"decisionToRE", decisionToRE},
		{"closingShareRE", closingShareRE},
		{"omissionRE", omissionRE},
		{"orActRE", orActRE},
		{"otherActRE", otherActRE},
		{"outOfRE", outOfRE},
		{"minorityRE", minorityRE},
		{"needBackRE", needBackRE},
		{"staffActRE", staffActRE},
		{"thirdPartyRE", thirdPartyRE},
		{"receivedRE", receivedRE},
		{"leadNegRE", leadNegRE},
		{"noEvidenceThatRE", noEvidenceThatRE},
		{"scopeRE", scopeRE},
		{"passiveRecRE", passiveRecRE},
		{"actorRE", actorRE},
		{"providesNoRE", providesNoRE},
		{"approvedRE", approvedRE},
		{"needForRE", needForRE},
		{"quantRE", quantRE},
		{"reviewerTheyRE", reviewerTheyRE},
		{"sharingPartnerRE", sharingPartnerRE},
		{"staffTheyRE", staffTheyRE},
		{"agencyPartnerRE", agencyPartnerRE},
		{"childAgencyRE", childAgencyRE},
		{"referralRE", referralRE},
		{"passiveSubjectRE", passiveSubjectRE},
		{"preventedRE", preventedRE},
		{"harmedRE", harmedRE},
		{"harmedByRE", harmedByRE},
		{"sharedHeadRE", sharedHeadRE},
		{"passiveNegRE", passiveNegRE},
		{"personBackRE", personBackRE},
		{"personObjectRE", personObjectRE},
		{"personActRE", personActRE},
		{"ofOnlyRE", ofOnlyRE},
		{"askedForRE", askedForRE},
		{"sharingVerbRE", sharingVerbRE},
		{"relativeRE", relativeRE},
		{"qualifiedRE", qualifiedRE},
		{"judgedByRE", judgedByRE},
		{"copulaJudgedRE", copulaJudgedRE},
		{"auxRE", auxRE},
		{"actorBeforeRE", actorBeforeRE},
		{"notOnlyRE", notOnlyRE},
		{"andMainRE", andMainRE},
		{"agencyNameRE", agencyNameRE},
		{"reviewDocsRE", reviewDocsRE},
		{"practiceJudgedRE", practiceJudgedRE},
		{"normativeRE", normativeRE},
		{"whereRE", whereRE},
		{"leftOutOfRE", leftOutOfRE},
		{"recShareRE", recShareRE},
		{"pluralBackRE", pluralBackRE},
		{"notPraisedHeadingRE", notPraisedHeadingRE},
		{"passiveRE", passiveRE},
		{"praisedHeadingRE", praisedHeadingRE},
		{"percentRE", percentRE},
		{"practicePassiveRE", practicePassiveRE},
		{"producerTitleRE", producerTitleRE},
		{"qualifierRE", qualifierRE},
		{"recordingVerbRE", recordingVerbRE},
		{"reportedRE", reportedRE},
		{"sentenceEnd", sentenceEnd},
		{"subNumberRE", subNumberRE},
		{"subjectRE", subjectRE},
		{"thatClauseRE", thatClauseRE},
		{"titleRE", titleRE},
		{"whetherRE", whetherRE},
		{"yardstickRE", yardstickRE},
		{"yardstickVerbRE", yardstickVerbRE},
		{"typeLabelRE", typeLabelRE},
	}
	for _, p := range pats {
		t.Run(p.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("%s does not compile: %v", p.name, r)
				}
			}()
			p.re.get()
		})
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n += strings.Count(string(b), "= lazyRE(")
	}
	if n != len(pats) {
		t.Errorf("the package has %d lazily compiled patterns, the test lists %d: add the new ones", n, len(pats))
	}
}
