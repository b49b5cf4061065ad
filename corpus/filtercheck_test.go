package corpus

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckFilter(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   Filter
		want string // in the error; "" for none
	}{
		{"good values in any case and variant", Filter{Themes: []string{"Substance_Use"}, Authorities: []string{"fife", "Edinburgh"}, Sections: []string{"case management plan"}, IncidentTypes: []string{"DEATH"}}, ""},
		{"misspelt theme", Filter{Themes: []string{"substanse_use"}}, `theme "substanse_use" is not known; did you mean "substance_use"`},
		{"nonsense theme", Filter{Themes: []string{"nonsense"}}, `theme "nonsense" is not known`},
		{"misspelt authority", Filter{Authorities: []string{"Fiffe"}}, `did you mean "Fife"`},
		{"bad section", Filter{Sections: []string{"supervison"}}, `did you mean "supervision"`},
		{"bad year", Filter{Years: []string{"19"}}, "four digits"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckFilter(tt.in, nil)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if got.Themes[0] != "substance_use" || got.Authorities[0] != "Fife" || got.Authorities[1] != "City of Edinburgh" || got.Sections[0] != "case_management_plan" || got.IncidentTypes[0] != "death" {
					t.Errorf("normalised = %+v", got)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
