package extract

import "strings"

// keptWords are capitalised words that are never a person's name here:
// titles, roles, services, bodies, prisons, places that stay (the
// authorities' towns), months and days. Lower case.
var keptWords = wordSet(`
mr mrs ms miss mx dr prof professor sir dame rev reverend cllr councillor
senior principal chief head lead depute deputy assistant acting interim named
social work worker workers justice criminal community team teams leader manager managers service services
officer officers practitioner practitioners supervisor supervisors probation offender case key support
police constable sergeant inspector detective pc dc ds nurse doctor psychiatrist psychologist consultant gp
housing health mental addiction addictions recovery throughcare prison prisons court courts sheriff high
council councils care inspectorate partnership unit centre center hospital nhs board trust department
person individual subject user users family families victim victims child children partner
scottish scotland uk england wales britain british government executive parole tribunal
hmp hmyoi yoi barlinnie addiewell glenochil grampian polmont shotts castle huntly low moss open estate
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
north south east west city islands
mappa caledonian sara ls cmi cjswr icm dttp dtto cpo olr sro adp nps crc oasys rosh
review reviews report reports section appendix part summary background chronology analysis learning
order orders licence licences plan plans assessment assessments risk management oversight supervision
covid pandemic christmas easter
community payback drug treatment testing supervised release extended sentence lifelong restriction parole
non-parole throughcare caledonian programme programmes system moving forward making changes safe together
getting right every child protection adult support multi-agency public unit contact scheme approved premises
integrated justice social work services domestic abuse violence sexual offender offenders offending
disclosure women's men's youth early intervention diversion bail remand custody release licence
chief officer officers area committee committees conference conferences meeting meetings panel panels
inspection guidance standards national outcomes framework strategy policy procedure procedures
`)

// placeWords are the authorities' and prisons' places and the larger
// towns: kept when they stand alone ("the Livingston office"), but part of
// a name after an unknown word ("Kirsty Hamilton"). Lower case.
var placeWords = wordSet(`
aberdeen aberdeenshire angus argyll bute clackmannanshire dundee ayrshire dunbartonshire lothian renfrewshire
falkirk fife glasgow highland inverclyde midlothian moray eilean siar western isles lanarkshire orkney
shetland kinross borders edinburgh perth stirling inverness greenock kilmarnock dumfries
kirkcaldy dunfermline glenrothes paisley motherwell hamilton airdrie coatbridge ayr irvine livingston
elgin dumbarton clydebank cumbernauld kirkintilloch bearsden stornoway lerwick kirkwall oban
arbroath montrose forfar alloa grangemouth bathgate musselburgh dalkeith penicuik galashiels hawick peebles
stranraer wick thurso portree
`)

// commonWords are frequent English words that can open a sentence or a
// heading; a short document may never write them in lower case. Lower case.
var commonWords = wordSet(`
a an the this that these those there here he she it they we you i his her its their our my your him them us
and or but if when while where after before during although though because since as at by for from in into
of on to with without within about against between over under through not no nor yes all any each every
some many most more much few several both either neither other another such same own only also very so
then than too now once again further there's what which who whom whose why how
is are was were be been being has have had having do does did done will would shall should can could may
might must ought
one two three four five six seven eight nine ten first second third fourth fifth last next new old
following given overall however therefore furthermore moreover additionally finally initially
subsequently meanwhile notably consequently nevertheless similarly thus hence indeed also
staff practice practices concerns concern issue issues evidence information agencies agency contact
date dates incident incidents notification time timescales action actions recommendation recommendations
improvement improvements area areas strengths strength findings finding key points point lessons
good well poor effective note notes see
`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
