package corpus

import (
	"reflect"
	"testing"
)

func TestLinkCases(t *testing.T) {
	doc := func(id, ref, auth, date, subject string) *Review {
		return &Review{ID: id, CaseReference: ref, Subject: subject, Metadata: Metadata{Authority: auth, IncidentDate: Date(date)}}
	}
	for _, tt := range []struct {
		name string
		docs []*Review
		want [][]int
	}{
		{"by reference", []*Review{doc("a", "SIR-1", "Fife", "", ""), doc("b", "SIR-1", "", "", ""), doc("c", "SIR-2", "", "", "")}, [][]int{{0, 1}, {2}}},
		{"by incident", []*Review{doc("a", "", "Fife", "2022-03-01", "Mr B"), doc("b", "", "Fife", "2022-03-01", "Mr B"), doc("c", "", "Fife", "2022-03-01", "Mr C")}, [][]int{{0, 1}, {2}}},
		{"reference and incident bridge", []*Review{doc("a", "SIR-1", "Fife", "2022-03-01", "Mr B"), doc("b", "", "Fife", "2022-03-01", "Mr B"), doc("c", "SIR-1", "", "", "")}, [][]int{{0, 1, 2}}},
		{"different references never join", []*Review{doc("a", "SIR-1", "Fife", "2022-03-01", "Mr B"), doc("b", "SIR-2", "Fife", "2022-03-01", "Mr B")}, [][]int{{0}, {1}}},
		{"a third document cannot bridge two references", []*Review{doc("a", "SIR-1", "Fife", "2022-03-01", "Mr B"), doc("b", "SIR-2", "Fife", "2022-03-01", "Mr B"), doc("c", "", "Fife", "2022-03-01", "Mr B")}, [][]int{{0, 2}, {1}}},
		{"nothing to link by", []*Review{doc("a", "", "Fife", "", "Mr B"), doc("b", "", "Fife", "", "Mr B")}, [][]int{{0}, {1}}},
		{"manual case overrides", []*Review{{ID: "a", Case: "m-1", CaseManual: true, CaseReference: "SIR-1"}, doc("b", "SIR-1", "", "", ""), {ID: "c", Case: "m-1", CaseManual: true}}, [][]int{{0, 2}, {1}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := LinkCases(tt.docs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("LinkCases = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMergeCase(t *testing.T) {
	cal := NewScottishCalendar()
	notif := &Review{ID: "n1", DocumentKind: KindNotification, Metadata: Metadata{Authority: "Fife", IncidentDate: "2022-03-01", NotificationDate: "2022-03-04"}}
	part1 := &Review{ID: "p1", DocumentKind: KindCaseReview, Metadata: Metadata{Authority: "Fife", IncidentDate: "2022-03-01", SubmittedDate: "2022-05-20"},
		Themes: []Theme{{ID: ThemeCaseManagementPlan}}}
	part2 := &Review{ID: "p2", DocumentKind: KindLearningReview, Themes: []Theme{{ID: ThemeGoodPractice}, {ID: ThemeCaseManagementPlan}}}
	c := MergeCase([]*Review{notif, part2, part1}, cal)
	if c.ID != "c-n1" || !c.HasReview() || !reflect.DeepEqual(c.Kinds, []DocumentKind{KindNotification, KindCaseReview, KindLearningReview}) {
		t.Errorf("case = %+v", c)
	}
	if c.Metadata.NotificationDate != "2022-03-04" || c.Metadata.SubmittedDate != "2022-05-20" {
		t.Errorf("dates = %+v: want the notification's notification date and the Part One's submission", c.Metadata)
	}
	if c.Metadata.NotificationOnTime == nil || !*c.Metadata.NotificationOnTime || c.Metadata.ReviewOnTime == nil || !*c.Metadata.ReviewOnTime {
		t.Errorf("timeliness = %+v", c.Metadata)
	}
	if !reflect.DeepEqual(c.Themes, []ThemeID{ThemeCaseManagementPlan, ThemeGoodPractice}) {
		t.Errorf("themes = %v: want each once, canonical order", c.Themes)
	}
	only := MergeCase([]*Review{notif}, cal)
	if only.HasReview() || only.Metadata.ReviewOnTime != nil || len(only.Themes) != 0 {
		t.Errorf("notification-only case = %+v", only)
	}
}
