package extract

import (
	"strings"
	"testing"

	"github.com/sirlearn/sirlearn/corpus"
)

func TestRedact(t *testing.T) {
	r := NewRedactor()
	for _, tt := range []struct {
		in      string
		gone    []string
		present []string
	}{
		{"Mr K was seen by his social worker, Sarah Thomson, at the Kirkcaldy office.", []string{"Sarah", "Thomson"}, []string{"Mr K", "[PERSON]", "Kirkcaldy"}},
		{"Ms Smith's date of birth is 03/04/1985 and she lives at 14 Rose Street, Kirkcaldy KY1 1XX.", []string{"Smith", "03/04/1985", "14 Rose Street", "KY1 1XX"}, []string{"[DATE OF BIRTH]", "[ADDRESS]", "[POSTCODE]"}},
		{"Call 01592 583 123 or +44 7700 900123, or e-mail j.brown@fife.gov.uk.", []string{"583 123", "900123", "j.brown@fife.gov.uk"}, []string{"[PHONE]", "[EMAIL]"}},
		{"Phones: 07700900123, (0131) 496 0000, +44 (0)141 496 0001, 0044 7700 900 123, 01382-496-000.", []string{"07700900123", "496 0000", "496 0001", "900 123", "496-000"}, []string{"[PHONE]"}},
		{"CHI 0304851234, NI number QQ 12 34 56 C, CHI number: 99 1234 5678.", []string{"0304851234", "QQ 12 34 56 C", "99 1234 5678"}, []string{"[CHI]", "[NI NUMBER]"}},
		{"PC 4471 Davidson attended; his prisoner number is 123456 and his PNC ID 12/345678X.", []string{"4471", "123456", "345678X"}, []string{"[ID NUMBER]"}},
		{"His SCRO number 123456/21T, crime reference 0456/2021 and CRN X123456 were on the form.", []string{"123456/21T", "0456/2021", "X123456"}, []string{"[ID NUMBER]"}},
		{"Hospital number K123456 and patient ID 9988776 were on the discharge letter.", []string{"K123456", "9988776"}, []string{"Hospital number [ID NUMBER]"}},
		{"MR JOHN SMITH (DOB: 01/02/1980) ADDRESS: 5 HIGH STREET, AYR. MS JONES ATTENDED.", []string{"JOHN", "SMITH", "HIGH STREET", "AYR", "JONES"}, []string{"MR [PERSON] (DOB", "ADDRESS: [ADDRESS]", "MS [PERSON] ATTENDED"}},
		{"REFERRAL FROM MX ALEX REID ON 5 MAY", []string{"ALEX", "REID"}, []string{"MX [PERSON] ON 5 MAY"}},
		{"Ms B (previously known as Sarah Jane Doyle) added him on Snapchat dtee88; his WhatsApp was monitored.", []string{"Sarah", "Jane", "Doyle", "dtee88"}, []string{"[HANDLE]", "was monitored"}},
		{"Jamie-Lee, his stepdaughter, was 12 and Shannon, his ex-partner, had moved away.", []string{"Jamie-Lee", "Shannon"}, []string{"[PERSON], his stepdaughter", "[PERSON], his ex-partner"}},
		{"Mr J.B. was born on the twelfth of May 1990; his brother was born in 1993; Mr A was seen weekly.", []string{"J.B.", "twelfth of May 1990", "1993"}, []string{"Mr [PERSON]", "[DATE OF BIRTH]", "Mr A was seen"}},
		{"He was born in Paisley on the 2nd of June 1991, is known as 'Tam' and his NHS number is 943 476 5919.", []string{"2nd of June 1991", "Tam", "5919"}, []string{"[DATE OF BIRTH]", "[PERSON]", "[ID NUMBER]"}},
		{"He called Police Scotland, who were known as the first responders.", nil, []string{"Police Scotland"}},
		{"Person B was born on 14 March 1990.", []string{"14 March 1990"}, []string{"Person B", "[DATE OF BIRTH]"}},
		{"The case management plan was not reviewed.", nil, []string{"The case management plan was not reviewed."}},
		{"Senior Social Worker Fiona McLeod completed the LS/CMI. Fiona noted that Mr B had moved.", []string{"Fiona", "McLeod"}, []string{"Senior Social Worker [PERSON]", "Mr B", "LS/CMI"}},
		{"His partner, Aisha Khan, was not contacted. Ms Khan later disclosed the abuse.", []string{"Aisha", "Khan"}, []string{"His partner, [PERSON]"}},
		{"The victim, Łukasz Nowak, was known to Mr C through Wojciech.", []string{"Łukasz", "Nowak"}, []string{"Mr C"}},
		{"A neighbour, Màiri NicLeòid, raised concerns; so did Seán Ó Briain.", []string{"Màiri", "NicLeòid", "Seán", "Briain"}, nil},
		{"Mohammed bin Rashid Al-Amin told the review that Priya Sharma had phoned.", []string{"Mohammed", "Rashid", "Al-Amin", "Priya", "Sharma"}, nil},
		{"He attended St Ninian's High School and worked at Tesco in Kirkcaldy.", []string{"Ninian", "Tesco"}, []string{"[SCHOOL]", "[WORKPLACE]", "Kirkcaldy"}},
		{"He lived at Flat 2/1, 23 Dalmarnock Road, Glasgow G40 4AB.", []string{"Dalmarnock", "G40 4AB"}, []string{"[ADDRESS]"}},
		{"He was released from HMP Barlinnie to Fife Council's care; the Team Leader reviewed the plan.", nil, []string{"HMP Barlinnie", "Fife Council", "Team Leader"}},
		{"Jamie Docherty told the review that contact had become difficult.", []string{"Jamie", "Docherty"}, nil},
		{"On 3 May Mr D's mother, Mrs Patricia Doyle, telephoned the office.", []string{"Patricia", "Doyle"}, []string{"Mr D's mother"}},
		{"Mr D was made subject to a Community Payback Order.", nil, []string{"Mr D was made subject to a Community Payback Order."}},
		{"Mrs Ali's daughter, Amina, was eight; PC Andrew Kerr and DCI Tom Reid attended.", []string{"Ali", "Amina", "Andrew", "Kerr", "Tom", "Reid"}, []string{"[PERSON]'s daughter", "PC [PERSON]"}},
		{"He was born on the 5th of November 1990 in Paisley.", []string{"5th of November 1990"}, []string{"[DATE OF BIRTH]", "Paisley"}},
		{"Information was shared with Police Scotland and NHS Lothian.", nil, []string{"Information was shared with Police Scotland and NHS Lothian."}},
		{"Facebook: facebook.com/danny.oc; see also https://www.instagram.com/jmac_87/ and www.tiktok.com/@jm87.", []string{"danny", "jmac_87", "jm87"}, []string{"Facebook: [HANDLE];"}},
		{"Passport number 123456789, driving licence WILSO809118CW9AB, sort code 80-22-60, card number 4929 1234 5678 9012, IP address 192.168.10.24.", []string{"123456789", "WILSO809118CW9AB", "80-22-60", "4929", "192.168"}, []string{"Passport number [ID NUMBER]"}},
		{"His passport was seized in 2019 and his licence was varied on 3 May.", nil, []string{"His passport was seized in 2019 and his licence was varied on 3 May."}},
		{"Countersigned by J. Brown; his sister, Mrs. O'Brien, and Dr. Mahmood attended. Mr. B was seen.", []string{"Brown", "O'Brien", "Mahmood"}, []string{"J. [PERSON]", "Mrs. [PERSON]", "Dr. [PERSON]", "Mr. B was seen."}},
		{"Write to john dot smith at gmail dot com, or to 15 Main St, Leith, eh6 8lp.", []string{"john dot smith", "gmail", "eh6 8lp"}, []string{"[EMAIL]", "[POSTCODE]"}},
		{"See Appendix A. The plan was not reviewed at 3 p.m. on the day.", nil, []string{"See Appendix A. The plan was not reviewed at 3 p.m. on the day."}},
		{"Mr Hs1403871234 was seen; write to x@y.com1403871234.", []string{"1403871234", "Hs", "y.com"}, []string{"Mr [PERSON] was seen", "[EMAIL]."}},
		{"His brother drove a silver car, registration SJ19 ABC; the van, reg no. W123 XYZ, was his.", []string{"SJ19 ABC", "W123 XYZ"}, []string{"[VEHICLE]"}},
		{"The registration of the order was not in doubt, and the LS/CMI was due.", nil, []string{"The registration of the order", "LS/CMI"}},
		{"He was known on Facebook as 'JMac' and locally as Big Tam.", []string{"JMac"}, []string{"[PERSON]"}},
		{"Name: JOHN PATERSON\nPartner | Lisa Grant |\nVictim: Person B\nName of authority: Fife Council", []string{"JOHN", "PATERSON", "Lisa", "Grant"}, []string{"Name: [PERSON]", "Victim: Person B", "Fife Council"}},
		{"His CHI is 140387-1234; call +353 87 123 4567 or find him as @jmac_87, not j.b@fife.gov.uk.", []string{"140387-1234", "123 4567", "@jmac_87", "j.b@fife"}, []string{"[CHI]", "[PHONE]", "[HANDLE]", "[EMAIL]"}},
	} {
		got := r.Redact(tt.in)
		for _, g := range tt.gone {
			if strings.Contains(got, g) {
				t.Errorf("Redact(%q) = %q: %q still there", tt.in, got, g)
			}
		}
		for _, p := range tt.present {
			if !strings.Contains(got, p) {
				t.Errorf("Redact(%q) = %q: want %q", tt.in, got, p)
			}
		}
	}
}

// TestRedactReviewEverywhere: a name the document reveals once is
// redacted in every section, its parts too, and headings keep their words.
func TestRedactReviewEverywhere(t *testing.T) {
	rev := &corpus.Review{Title: "Serious Incident Review", Sections: []corpus.Section{
		{Heading: "Case Management Plan", Text: "The supervising social worker, Graham Paterson, drafted the plan."},
		{Heading: "Supervision", Text: "Graham did not visit the home. Paterson's manager was unaware."},
	}}
	NewRedactor().RedactReview(rev)
	if rev.Redaction != RedactionRules {
		t.Errorf("Redaction = %q", rev.Redaction)
	}
	for _, s := range rev.Sections {
		if strings.Contains(s.RedactedText, "Graham") || strings.Contains(s.RedactedText, "Paterson") {
			t.Errorf("section %q: %q", s.Heading, s.RedactedText)
		}
		if s.RedactedHeading != s.Heading {
			t.Errorf("heading %q redacted to %q", s.Heading, s.RedactedHeading)
		}
		if s.Text == s.RedactedText {
			t.Errorf("section %q: nothing redacted", s.Heading)
		}
	}
}
