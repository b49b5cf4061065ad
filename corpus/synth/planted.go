package synth

import (
	"fmt"
	"math/rand/v2"
)

// The personal details planted for the redaction tests, beyond the named
// staff member, the phone number and the other person: one sentence each,
// with the details it carries. Real reviews carry such details when staff,
// relatives, victims and places are named.
var plantedKinds = []func(r *rand.Rand, person string) (string, []Planted){
	func(r *rand.Rand, person string) (string, []Planted) {
		rel := pick(r, []string{"partner", "mother", "sister", "former partner"})
		name := pick(r, []string{"Aisha Rahman", "Karolina Nowak", "Siobhan O'Neill", "Fatima Al-Sayed", "Heather Duncan"})
		return fmt.Sprintf("%s's %s, %s, took part in the review.", person, rel, name), []Planted{{"relative", name}}
	},
	func(r *rand.Rand, person string) (string, []Planted) {
		name := pick(r, []string{"Mohammed Iqbal", "Łukasz Kowalczyk", "Màiri NicLeòid", "Gurpreet Sandhu", "Omar Haddad", "Seonaidh MacAoidh"})
		return fmt.Sprintf("The victim, %s, had known %s for several years.", name, person), []Planted{{"name_non_anglo", name}}
	},
	func(r *rand.Rand, person string) (string, []Planted) {
		street := pick(r, []string{"14 Rosebank Crescent", "3/2 27 Craigie Street", "102 Westfield Road", "7 Millbrae Wynd"})
		pc := pick(r, []string{"KY2 6QT", "G42 8AB", "DD4 7HN", "EH11 3LP", "PA1 2BX"})
		return fmt.Sprintf("On release %s lived at %s, %s, with a relative.", person, street, pc), []Planted{{"address", street}, {"postcode", pc}}
	},
	func(r *rand.Rand, person string) (string, []Planted) {
		phone := pick(r, []string{"07700 900461", "07700900318", "+44 7700 900742", "(01592) 583 990", "0141-496-0372"})
		return fmt.Sprintf("%s's mobile number at the time was %s.", person, phone), []Planted{{"phone", phone}}
	},
	func(r *rand.Rand, person string) (string, []Planted) {
		chi := fmt.Sprintf("%02d%02d%02d%04d", 1+r.IntN(28), 1+r.IntN(12), r.IntN(100), r.IntN(10000))
		nino := pick(r, []string{"QQ 12 34 56 C", "JT 45 67 89 B", "AB123456D"})
		return fmt.Sprintf("The review team read the health records under CHI %s and the NI number %s.", chi, nino), []Planted{{"chi", chi}, {"nino", nino}}
	},
	func(r *rand.Rand, person string) (string, []Planted) {
		mail := pick(r, []string{"j.smith@example.org", "karen.w@council.example.gov.uk", "a.brown@nhs.example.net"})
		return fmt.Sprintf("The review team wrote to %s for the case papers.", mail), []Planted{{"email", mail}}
	},
	func(r *rand.Rand, person string) (string, []Planted) {
		dob := pick(r, []string{"12 March 1987", "03/09/1991", "1979-11-24", "21st June 1984"})
		return fmt.Sprintf("%s (date of birth %s) agreed to take part in the review.", person, dob), []Planted{{"dob", dob}}
	},
	func(r *rand.Rand, person string) (string, []Planted) {
		school := pick(r, []string{"Braeview Academy", "St Columba's High School", "Kirkton Primary School"})
		work := pick(r, []string{"Tesco", "Babcock Marine", "Greggs"})
		return fmt.Sprintf("%s left %s at sixteen and later worked at %s.", person, school, work), []Planted{{"school", school}, {"workplace", work}}
	},
}
