package synth

import "github.com/sirlearn/sirlearn/corpus"

// family is one paraphrase family of theme evidence: the ways one reviewer
// habit phrases the same finding. Split "dev" families may be looked at when
// developing the tagger; "test" families are held out and only scored.
// "register2" families are a second register, written after this version's
// cues were fixed, from the failure classes of real review wording
// (findings in general words, English and Welsh probation terms, strengths
// of a theme), and kept apart from the hard cases the cues were tried on.
// Never tune cues to them: they are scored only.
type family struct {
	name      string
	split     string
	templates []string
}

// Slots in templates: {P} the person ("Mr A"), {Pp} possessive pronoun,
// {Ps} subject pronoun, {N} a number of weeks, {D} a number of working days,
// {W} a worker's role.
var concernFamilies = map[corpus.ThemeID][]family{
	corpus.ThemeAssessmentTimeliness: {
		{"late-days", "dev", []string{"The LS/CMI was not finalised until {D} working days after sentence.", "The LS/CMI assessment was completed {D} working days after the order was imposed, well beyond the expected timescale."}},
		{"delay", "dev", []string{"There was a delay of {N} weeks in completing the risk assessment.", "Completion of the SA07 assessment was delayed for {N} weeks."}},
		{"never-done", "test", []string{"An LS/CMI had never been undertaken during the period of supervision.", "At the time of the incident, no formal risk assessment had been carried out."}},
		{"overdue", "test", []string{"The review found the risk and needs assessment to be overdue by some {N} weeks.", "The assessment remained outstanding {N} weeks into the order."}},
		{"register2", "register2", []string{"The initial assessment was still outstanding when the order was three months old.", "Timescales for completing the risk assessment were not met."}},
	},
	corpus.ThemeAssessmentQuality: {
		{"underestimate", "dev", []string{"The risk assessment underestimated the risk {P} posed to others.", "On reflection, the level of risk was assessed as lower than the information available warranted."}},
		{"not-reviewed", "dev", []string{"The assessment was not reviewed following {Pp} arrest for a further offence.", "The LS/CMI was not updated after the change in {Pp} circumstances."}},
		{"quality-thin", "test", []string{"The analysis within the assessment lacked depth and relied heavily on self-report.", "The assessment was incomplete and did not take account of previous convictions for violence."}},
		{"wrong-tool", "test", []string{"An inappropriate tool was used, and a SARA should have been applied given the domestic context.", "The review identified that the risk formulation failed to recognise escalating patterns of behaviour."}},
		{"register2", "register2", []string{"Only a minority of the factors known to the service were reflected in the assessment of risk.", "OASys did not capture the escalation in {Pp} behaviour towards staff."}},
	},
	corpus.ThemeCaseManagementPlan: {
		{"generic", "dev", []string{"The case management plan was generic and not linked to the identified risks.", "Objectives in the plan were generic rather than specific to {P}."}},
		{"not-updated", "dev", []string{"The case management plan was not reviewed or updated when {Pp} circumstances changed.", "The plan was never revised during the {N} weeks before the incident."}},
		{"no-plan", "test", []string{"No case management plan was in place at the time of the incident.", "There was no risk management plan completed within the expected timescale."}},
		{"vague", "test", []string{"The plan lacked measurable objectives and remained unchanged throughout the order.", "The risk management plan did not address {Pp} alcohol use or relationships."}},
		{"register2", "register2", []string{"Sentence planning was not revisited after {Pp} arrest.", "Objectives for the order were too broad to measure progress against."}},
	},
	corpus.ThemeInformationTransfer: {
		{"late-info", "dev", []string{"Pre-release information from the prison was received late, on the day before {Pp} release.", "The community-based social worker received the ICM paperwork only at short notice."}},
		{"no-handover", "dev", []string{"There was no handover between the prison-based and community-based social workers.", "Information about {Pp} behaviour in custody was not shared with the community team before release."}},
		{"unaware", "test", []string{"The community team were unaware of concerns recorded in HMP Barlinnie prior to liberation.", "Key reports from the period in custody were missing from the file when {P} was released."}},
		{"icm-gap", "test", []string{"The pre-release ICM case conference did not take place, and throughcare arrangements were incomplete.", "Poor communication between prison and community staff meant that release planning was limited."}},
		{"register2", "register2", []string{"The community team learned of {Pp} conduct in custody only after release.", "Custody records were not passed to the supervising officer ahead of liberation."}},
	},
	corpus.ThemeInformationSharing: {
		{"police-not-shared", "dev", []string{"Police Scotland did not share information about recent call-outs to {Pp} address.", "Relevant information held by health services was not shared with justice social work."}},
		{"unaware-agency", "dev", []string{"The social worker was not aware that housing colleagues had raised concerns.", "Information from the addiction service was not passed on to the supervising officer."}},
		{"silo", "test", []string{"Agencies appeared to work in isolation, with limited communication between them.", "There was a lack of information sharing between police, health and justice services."}},
		{"would-have", "test", []string{"Had the GP's concerns been communicated, the risk might have been reassessed.", "Children's services did not inform the justice team of the child protection investigation."}},
		{"register2", "register2", []string{"Checks with the police about incidents at {Pp} address were not carried out.", "There were gaps in what was obtained from health services before sentence."}},
	},
	corpus.ThemeMAPPA: {
		{"not-referred", "dev", []string{"{P} was not referred to MAPPA despite meeting the criteria for category 3.", "A MAPPA referral was not considered at the point of release."}},
		{"level-low", "dev", []string{"The MAPPA level was too low given the risk identified in the assessment.", "The review considers that {P} should have been managed at MAPPA level 2."}},
		{"no-review", "test", []string{"The MAPPA review meeting did not take place as scheduled.", "There was a delay in the MAPPA review after new intelligence was received."}},
		{"escalate", "test", []string{"The case was not escalated to a higher MAPPA level when concerns increased.", "MAPPA arrangements were not reconsidered following the breach of licence conditions."}},
		{"register2", "register2", []string{"Referral to MAPPA was not made although the criteria were met.", "The MAPPA level was not reviewed when {Pp} risk escalated."}},
	},
	corpus.ThemeDomesticAbuse: {
		{"not-recognised", "dev", []string{"Domestic abuse was not recognised as a feature of {Pp} offending.", "The controlling behaviour towards {Pp} partner was not identified in the assessment."}},
		{"no-checks", "dev", []string{"No domestic abuse checks were made with Police Scotland when the new relationship began.", "No DSDAS disclosure was considered when {P} began a new relationship."}},
		{"missed", "test", []string{"Indicators of domestic abuse were minimised in the court report.", "The history of violence towards former partners was overlooked in planning."}},
		{"should-have", "test", []string{"Enquiries about {Pp} new partner should have been made at an earlier stage.", "The worker failed to explore the nature of the relationship with {Pp} partner."}},
		{"register2", "register2", []string{"Coercive control was evident in the records but was not named as a risk.", "Police domestic abuse callouts to the address had not been checked."}},
	},
	corpus.ThemeChildProtection: {
		{"not-considered", "dev", []string{"The risk to children in the household was not considered.", "The presence of a young child at the address was not explored by the worker."}},
		{"no-referral", "dev", []string{"No referral was made to children's services despite concerns about {Pp} contact with children.", "A child protection referral should have been made when the concerns emerged."}},
		{"unaware", "test", []string{"The worker was unaware that {P} had regular contact with his partner's children.", "Risks posed to the children of the family were overlooked."}},
		{"fail", "test", []string{"The service failed to consider whether the children were at risk of harm.", "Children's social work were not informed of the change in risk."}},
		{"register2", "register2", []string{"Whether the children at the address were safe was never established.", "No consideration was given to a referral to children's services."}},
	},
	corpus.ThemeVictimSafety: {
		{"no-plan", "dev", []string{"There was no safety planning for the victim.", "No victim safety plan was in place when {P} moved back to the area."}},
		{"not-contacted", "dev", []string{"The victim was not contacted before {Pp} release.", "The complainer was not informed of the licence conditions."}},
		{"not-considered", "test", []string{"The safety of {Pp} former partner was not considered when the address was approved.", "The partner was not consulted about contact arrangements."}},
		{"fail", "test", []string{"The service failed to warn the victim when licence conditions were relaxed.", "Measures to protect the victim were absent from the plan, and no contact was made with her."}},
		{"register2", "register2", []string{"The victim was not offered the chance to make representations about licence conditions.", "Safety planning for {Pp} former partner did not take place."}},
	},
	corpus.ThemeMentalHealth: {
		{"no-referral", "dev", []string{"{Pp} mental health needs were not referred to the community mental health team.", "No referral for psychiatric assessment was made despite reported symptoms."}},
		{"unmet", "dev", []string{"{Pp} mental health needs remained unmet throughout the order.", "The deterioration in {Pp} mental health was not followed up."}},
		{"threshold", "test", []string{"A referral to the CMHT was declined as {P} did not meet the criteria, and no alternative support was offered.", "{P} was placed on a waiting list for psychological therapy and received no input in the meantime."}},
		{"not-explored", "test", []string{"Reported thoughts of self-harm were not explored with {P}.", "The impact of trauma on {Pp} mental health was not assessed."}},
		{"register2", "register2", []string{"{Pp} mental health needs were not followed up with the GP.", "A psychiatric assessment was discussed but never requested."}},
	},
	corpus.ThemeSubstanceUse: {
		{"unaddressed", "dev", []string{"{Pp} alcohol use was not addressed during supervision.", "Drug use was unaddressed despite positive tests."}},
		{"no-referral", "dev", []string{"No referral to addiction services was made.", "{P} was not referred to the alcohol and drug partnership."}},
		{"overdose", "test", []string{"The increased risk of overdose following release from custody was not considered.", "Naloxone was not offered, despite a known history of opiate use."}},
		{"escalation", "test", []string{"Escalating alcohol consumption was not explored or challenged by the worker.", "The worker did not explore the relapse into heroin use."}},
		{"register2", "register2", []string{"Drug testing was not requested despite signs of relapse.", "Support for {Pp} alcohol misuse was not put in place."}},
	},
	corpus.ThemeAccommodation: {
		{"homeless", "dev", []string{"{P} was released from custody homeless.", "{P} was of no fixed abode for much of the order."}},
		{"not-arranged", "dev", []string{"No accommodation had been arranged for {Pp} release.", "Suitable accommodation was not secured before liberation."}},
		{"unsuitable", "test", []string{"The hostel placement was unsuitable given the proximity to the victim.", "{P} moved between temporary addresses and was sofa surfing with friends."}},
		{"late", "test", []string{"Housing arrangements were only made on the day of release and proved unstable.", "The tenancy was lost while {P} was on remand and nothing was put in place."}},
		{"register2", "register2", []string{"{Ps} was released with nowhere to live.", "The move into Approved Premises was arranged at the last minute."}},
	},
	corpus.ThemeContactSupervision: {
		{"no-home-visit", "dev", []string{"No home visit was undertaken during the order.", "Home visits were not carried out despite concerns about the address."}},
		{"infrequent", "dev", []string{"Contact was less frequent than required by national outcomes and standards.", "Supervision contact was infrequent and often limited to telephone calls."}},
		{"missed", "test", []string{"Missed appointments were not followed up by the supervising officer.", "There were {N} weeks without any face-to-face contact."}},
		{"below", "test", []string{"The frequency of contact fell below the required level for a high risk case.", "The level of contact was not increased when risk escalated."}},
		{"register2", "register2", []string{"Face-to-face contact fell away for {N} weeks without a recorded reason.", "Home visits stopped after the first month of the order."}},
	},
	corpus.ThemeEnforcement: {
		{"no-breach", "dev", []string{"Breach action was not pursued despite repeated non-compliance.", "A breach report was not submitted to the court."}},
		{"late-recall", "dev", []string{"The recall request was delayed by {N} weeks.", "There was a delay in requesting recall to custody."}},
		{"tolerated", "test", []string{"Repeated non-compliance was tolerated without a formal warning being issued.", "The worker should have initiated breach proceedings at an earlier point."}},
		{"no-action", "test", []string{"No enforcement action was taken after {Pp} arrest.", "The service failed to request recall when licence conditions were breached."}},
		{"register2", "register2", []string{"Recall was not pursued even though {Ps} had stopped reporting.", "Breach action should have been taken after the second unexplained absence."}},
	},
	corpus.ThemeProfessionalCuriosity: {
		{"face-value", "dev", []string{"{Pp} self-report was accepted without checking.", "The worker accepted {Pp} account at face value."}},
		{"not-challenged", "dev", []string{"{Pp} explanation for the missed appointments was not challenged.", "Claims of abstinence were not verified with the addiction service."}},
		{"curiosity", "test", []string{"Greater professional curiosity was needed about who else lived at the address.", "More challenge was required when {P} gave inconsistent accounts."}},
		{"optimistic", "test", []string{"The approach was overly optimistic and relied on what {P} said.", "The worker did not question why {P} had new injuries."}},
		{"register2", "register2", []string{"{Pp} explanations were taken at face value and not tested.", "Claims about a new job were not verified with the employer."}},
	},
	corpus.ThemeWorkloadStaffing: {
		{"caseload", "dev", []string{"The supervising social worker carried a high caseload at the time.", "Workloads in the team were excessive owing to vacancies."}},
		{"changes", "dev", []string{"{P} had four changes of social worker during the order.", "There were several changes of worker, and the case was unallocated for {N} weeks."}},
		{"sickness", "test", []string{"Staff sickness and long-term absence affected continuity.", "The team was short-staffed and relied on agency workers."}},
		{"handover", "test", []string{"There was a poor handover when the case was transferred between workers.", "Recruitment difficulties left the team with two vacancies for most of the year."}},
		{"register2", "register2", []string{"The practitioner was holding well above the team average number of cases.", "The team carried two vacancies for most of the period."}},
	},
	corpus.ThemeManagementOversight: {
		{"little", "dev", []string{"There was little evidence of management oversight of the case.", "There was limited managerial scrutiny of the risk assessment."}},
		{"cancelled", "dev", []string{"Supervision sessions for the worker were cancelled on several occasions.", "Formal supervision was infrequent and the case was not discussed."}},
		{"not-signed", "test", []string{"The case management plan was not countersigned by a manager.", "The risk assessment was not signed off by the team leader."}},
		{"absent", "test", []string{"The absence of oversight meant that drift was not identified.", "Managers did not scrutinise the decision not to breach."}},
		{"register2", "register2", []string{"Supervision of the worker by the team leader was cancelled twice.", "There was limited evidence of management oversight of the case."}},
	},
	corpus.ThemeRecordKeeping: {
		{"late-records", "dev", []string{"Case records were written up several weeks after contact.", "Recording was retrospective and at times incomplete."}},
		{"no-chronology", "dev", []string{"There was no chronology on the case file.", "The chronology had not been updated since the start of the order."}},
		{"sparse", "test", []string{"Case notes were brief and it was difficult to follow the rationale for decisions.", "Entries on the case record were sparse and inconsistent."}},
		{"missing", "test", []string{"Records of the home visits were missing from the file.", "Key decisions were not recorded."}},
		{"register2", "register2", []string{"Case records were incomplete for several contacts.", "The chronology was not kept up to date."}},
	},
	corpus.ThemeInterventions: {
		{"not-available", "dev", []string{"The Caledonian programme was not available in the area at the time.", "Offence-focused work was not offered."}},
		{"waiting", "dev", []string{"{P} was on a waiting list for groupwork for {N} weeks.", "The Moving Forward Making Changes programme was suspended."}},
		{"not-delivered", "test", []string{"One-to-one interventions were not delivered as planned.", "There was no structured offence-focused work during the order."}},
		{"gap", "test", []string{"A gap in provision meant that no programme work was started.", "The service failed to offer the intervention required by the order."}},
		{"register2", "register2", []string{"Offence-focused work did not start before the incident.", "No programme was offered to address {Pp} violent offending."}},
	},
	corpus.ThemeEngagement: {
		{"disengaged", "dev", []string{"{P} disengaged from supervision in the months before the incident.", "{Pp} engagement was poor and attendance was sporadic."}},
		{"missed", "dev", []string{"{P} missed several appointments and did not engage with the service.", "{P} failed to attend most planned sessions."}},
		{"response", "test", []string{"The response to {Pp} non-compliance was not robust.", "{P} was reluctant to engage and the service did not adapt its approach."}},
		{"hard", "test", []string{"{P} was described as hard to engage, and little was done to encourage attendance.", "Compliance was superficial, with {P} attending but not participating."}},
		{"register2", "register2", []string{"{Ps} attended only a few of the appointments offered and the service did not respond.", "Non-engagement went unaddressed for {N} weeks."}},
	},
	corpus.ThemePandemicImpact: {
		{"phone", "dev", []string{"During the Covid-19 lockdown, contact was by telephone only.", "Covid-19 restrictions meant that home visits were suspended."}},
		{"groups", "dev", []string{"Groupwork was suspended during the pandemic.", "The pandemic delayed the start of unpaid work."}},
		{"remote", "test", []string{"Public health restrictions limited face-to-face contact for several months.", "Lockdown measures changed how supervision was delivered, with video calls replacing office appointments."}},
		{"covid-services", "test", []string{"Addiction services operated a reduced service because of coronavirus.", "Social distancing requirements meant the programme could not run."}},
		{"register2", "register2", []string{"Restrictions during the pandemic meant contact moved to the telephone.", "Lockdown limited the work that could be done face to face."}},
	},
	corpus.ThemeNotificationTimeliness: {
		{"late", "dev", []string{"The notification to the Care Inspectorate was late.", "The Care Inspectorate was notified {D} working days after the incident."}},
		{"outwith", "dev", []string{"Notification was made outwith the five working day timescale.", "The serious incident notification was delayed."}},
		{"beyond", "test", []string{"The service did not notify the Care Inspectorate within the required five working days.", "The notification was submitted beyond the expected timescale because the service only became aware later."}},
		{"exceeded", "test", []string{"The timescale for notification was exceeded by several days.", "It took {D} working days for the notification to be made."}},
		{"register2", "register2", []string{"The notification was sent well after the five working day timescale.", "The Care Inspectorate was informed of the incident late."}},
	},
	corpus.ThemeEqualityDiversity: {
		{"interpreter", "dev", []string{"No interpreter was used, although English was not {Pp} first language.", "Appointments were conducted without an interpreter."}},
		{"disability", "dev", []string{"{Pp} learning disability was not taken into account in planning.", "Reasonable adjustments for {Pp} hearing impairment were not made."}},
		{"culture", "test", []string{"Cultural factors relevant to {Pp} offending were not explored.", "{Pp} needs arising from autism were not assessed."}},
		{"barriers", "test", []string{"Literacy barriers were not considered when written material was provided.", "The service failed to consider {Pp} religious needs."}},
		{"register2", "register2", []string{"No interpreter was arranged although English was not {Pp} first language.", "{Pp} learning disability was not taken into account in the plan."}},
	},
}

// strengthFamilies say what the review singles out as good practice.
var strengthFamilies = []family{
	{"noted-good", "dev", []string{"The plan was reviewed after eight weeks. This is noted as good practice.", "The worker's tenacious approach to engagement is noted as good practice."}},
	{"strength", "dev", []string{"A particular strength was the close working with the housing officer.", "The quality of the court report was a clear strength."}},
	{"commend", "test", []string{"The review commends the persistent efforts to maintain contact.", "The worker is commended for the detailed risk formulation."}},
	{"register2", "register2", []string{"The worker's liaison with the housing officer was prompt and well organised.", "Risk assessments in this case were detailed and kept under review."}},
	{"positive", "test", []string{"Joint working with the police was highly effective.", "Liaison with the prison-based social worker was well coordinated and timely, which the review highlights as positive practice."}},
}

// distractors use a theme's words without raising it: neutral or positive
// statements, negated concerns, and considerations with a clean outcome.
var distractors = map[corpus.ThemeID][]string{
	corpus.ThemeAssessmentTimeliness: {"The LS/CMI was completed within 15 working days of sentence.", "There was no delay in completing the risk assessment.", "The SA07 was completed on time."},
	corpus.ThemeAssessmentQuality:    {"The risk assessment was thorough and was reviewed after the arrest.", "The review considered the quality of the assessment and found it sound."},
	corpus.ThemeCaseManagementPlan:   {"The case management plan was reviewed at three-monthly intervals.", "The plan set out clear objectives linked to each risk factor."},
	corpus.ThemeInformationTransfer:  {"The pre-release ICM case conference took place six weeks before release.", "Information from the prison was received in good time."},
	corpus.ThemeInformationSharing:   {"The police shared information promptly.", "Health colleagues attended the case conference."},
	corpus.ThemeMAPPA:                {"MAPPA arrangements were reviewed at each meeting.", "The review considered whether MAPPA level 1 was appropriate and concluded that it was."},
	corpus.ThemeDomesticAbuse:        {"Domestic abuse checks were completed with Police Scotland.", "There was no indication of domestic abuse in the relationship."},
	corpus.ThemeAccommodation:        {"Accommodation was secured in advance of release.", "{P} had a settled tenancy throughout the order."},
	corpus.ThemeContactSupervision:   {"Home visits were undertaken every month.", "Contact took place weekly in line with standards."},
	corpus.ThemeSubstanceUse:         {"{P} was referred to the addiction service and attended regularly.", "There was no history of drug use."},
	corpus.ThemeMentalHealth:         {"{P} was supported by the community mental health team throughout.", "There were no known mental health concerns."},
	corpus.ThemeEnforcement:          {"A formal warning was issued promptly after the first missed appointment.", "Recall was requested on the same day."},
}

// filler sentences give each section kind its ordinary, theme-free text.
var filler = map[corpus.SectionKind][]string{
	corpus.SectionSummary: {
		"This review was commissioned by the Chief Social Work Officer in line with the national guidance.",
		"The purpose of this review is to identify learning for the service.",
		"The review team read the case file and interviewed the staff involved.",
		"Terms of reference were agreed with the Chief Social Work Officer at the outset.",
	},
	corpus.SectionBackground: {
		"{P} has a history of offending dating back to adolescence.",
		"{P} grew up in the area and left school at sixteen.",
		"{P} has previous convictions for theft and breach of the peace.",
		"At the time of the incident {P} lived alone in a local authority flat.",
	},
	corpus.SectionAssessment: {
		"A Criminal Justice Social Work Report was prepared for the court.",
		"The LS/CMI placed {P} in the medium risk category.",
		"The assessment identified relationships, employment and attitudes as areas of need.",
	},
	corpus.SectionCaseManagementPlan: {
		"The plan set out objectives for each area of need.",
		"Licence conditions included residence at an approved address.",
		"The case management plan was shared with {P} and signed.",
	},
	corpus.SectionSupervision: {
		"{P} reported to the office weekly at the start of the order.",
		"Unpaid work hours were completed in a squad placement.",
		"Sessions focused on problem solving and consequential thinking.",
	},
	corpus.SectionPrisonTransfer: {
		"{P} served the custodial part of the sentence in HMP Addiewell.",
		"The prison-based social worker prepared a home background report.",
		"Throughcare arrangements were discussed at the integrated case management meeting.",
	},
	corpus.SectionMultiAgency: {
		"Partner agencies included Police Scotland, the NHS and housing services.",
		"A multi-agency meeting was held to discuss the release arrangements.",
		"The case was discussed at the local public protection forum.",
	},
	corpus.SectionManagementOversight: {
		"The social worker was supervised by a team leader.",
		"The team covers a large rural area.",
		"Supervision records for the worker were examined as part of the review.",
	},
	corpus.SectionAnalysis: {
		"The review considered whether practice was proportionate to the assessed risk.",
		"On balance, the incident could not reasonably have been predicted.",
		"The review found that staff knew {P} well.",
	},
	corpus.SectionLearning: {
		"The service will share the learning from this review with all staff.",
		"An action plan has been agreed with the management team.",
		"Progress on the actions will be reported to the Chief Social Work Officer.",
	},
	corpus.SectionOther: {
		"Signed by the Chief Social Work Officer.",
	},
}

// homeSection is where a theme's evidence is usually written.
var homeSection = map[corpus.ThemeID]corpus.SectionKind{
	corpus.ThemeAssessmentTimeliness:   corpus.SectionAssessment,
	corpus.ThemeAssessmentQuality:      corpus.SectionAssessment,
	corpus.ThemeCaseManagementPlan:     corpus.SectionCaseManagementPlan,
	corpus.ThemeInformationTransfer:    corpus.SectionPrisonTransfer,
	corpus.ThemeInformationSharing:     corpus.SectionMultiAgency,
	corpus.ThemeMAPPA:                  corpus.SectionMultiAgency,
	corpus.ThemeDomesticAbuse:          corpus.SectionAssessment,
	corpus.ThemeChildProtection:        corpus.SectionMultiAgency,
	corpus.ThemeVictimSafety:           corpus.SectionCaseManagementPlan,
	corpus.ThemeMentalHealth:           corpus.SectionSupervision,
	corpus.ThemeSubstanceUse:           corpus.SectionSupervision,
	corpus.ThemeAccommodation:          corpus.SectionPrisonTransfer,
	corpus.ThemeContactSupervision:     corpus.SectionSupervision,
	corpus.ThemeEnforcement:            corpus.SectionSupervision,
	corpus.ThemeProfessionalCuriosity:  corpus.SectionAnalysis,
	corpus.ThemeWorkloadStaffing:       corpus.SectionManagementOversight,
	corpus.ThemeManagementOversight:    corpus.SectionManagementOversight,
	corpus.ThemeRecordKeeping:          corpus.SectionManagementOversight,
	corpus.ThemeInterventions:          corpus.SectionSupervision,
	corpus.ThemeEngagement:             corpus.SectionSupervision,
	corpus.ThemePandemicImpact:         corpus.SectionSupervision,
	corpus.ThemeNotificationTimeliness: corpus.SectionSummary,
	corpus.ThemeEqualityDiversity:      corpus.SectionAssessment,
	corpus.ThemeGoodPractice:           corpus.SectionLearning,
}

// prevalence is the chance a review raises each theme (before conditions).
var prevalence = map[corpus.ThemeID]float64{
	corpus.ThemeAssessmentTimeliness: 0.30, corpus.ThemeAssessmentQuality: 0.35,
	corpus.ThemeCaseManagementPlan: 0.40, corpus.ThemeInformationTransfer: 0.45,
	corpus.ThemeInformationSharing: 0.30, corpus.ThemeMAPPA: 0.30,
	corpus.ThemeDomesticAbuse: 0.22, corpus.ThemeChildProtection: 0.12,
	corpus.ThemeVictimSafety: 0.15, corpus.ThemeMentalHealth: 0.30,
	corpus.ThemeSubstanceUse: 0.35, corpus.ThemeAccommodation: 0.35,
	corpus.ThemeContactSupervision: 0.30, corpus.ThemeEnforcement: 0.15,
	corpus.ThemeProfessionalCuriosity: 0.20, corpus.ThemeWorkloadStaffing: 0.22,
	corpus.ThemeManagementOversight: 0.20, corpus.ThemeRecordKeeping: 0.18,
	corpus.ThemeInterventions: 0.18, corpus.ThemeEngagement: 0.25,
	corpus.ThemePandemicImpact: 0.60, corpus.ThemeNotificationTimeliness: 0.70,
	corpus.ThemeEqualityDiversity: 0.06, corpus.ThemeGoodPractice: 0.85,
}

// headings per section kind for the styles that use plain headings; parts
// and question styles have their own lists.
var plainHeadings = map[corpus.SectionKind][]string{
	corpus.SectionSummary:             {"Introduction", "Purpose of the review", "Executive summary", "Terms of reference and method"},
	corpus.SectionBackground:          {"Background", "Circumstances of the incident", "Offending history", "Background and chronology"},
	corpus.SectionAssessment:          {"Risk assessment", "Assessment", "Risk and needs assessment", "Assessment of risk and need"},
	corpus.SectionCaseManagementPlan:  {"Case management plan", "Risk management planning", "Planning", "Licence conditions and planning"},
	corpus.SectionSupervision:         {"Supervision", "Delivery of the order", "Contact and compliance", "Interventions delivered"},
	corpus.SectionPrisonTransfer:      {"Throughcare", "Release planning", "Transition from prison to community", "Integrated case management and release"},
	corpus.SectionMultiAgency:         {"Multi-agency working", "MAPPA and partnership working", "Information sharing", "Partnership working"},
	corpus.SectionManagementOversight: {"Management oversight", "Workload and supervision of staff", "Staffing and oversight", "Governance"},
	corpus.SectionAnalysis:            {"Analysis", "Findings", "Key issues", "Conclusions"},
	corpus.SectionLearning:            {"Learning points", "Recommendations", "Lessons learned and action plan", "Good practice and areas for improvement"},
}

var partHeadings = map[corpus.SectionKind][]string{
	corpus.SectionSummary:             {"INTRODUCTION AND TERMS OF REFERENCE", "PURPOSE AND SCOPE"},
	corpus.SectionBackground:          {"BACKGROUND AND CIRCUMSTANCES", "THE INCIDENT AND OFFENDING HISTORY"},
	corpus.SectionAssessment:          {"ASSESSMENT OF RISK AND NEED", "RISK ASSESSMENT"},
	corpus.SectionCaseManagementPlan:  {"CASE MANAGEMENT PLANNING", "RISK MANAGEMENT PLAN"},
	corpus.SectionSupervision:         {"SUPERVISION AND CONTACT", "DELIVERY OF THE ORDER"},
	corpus.SectionPrisonTransfer:      {"THROUGHCARE AND RELEASE PLANNING", "PRISON TO COMMUNITY TRANSITION"},
	corpus.SectionMultiAgency:         {"MULTI-AGENCY WORKING AND MAPPA", "PARTNERSHIP WORKING"},
	corpus.SectionManagementOversight: {"MANAGEMENT OVERSIGHT AND WORKLOAD", "STAFFING AND OVERSIGHT"},
	corpus.SectionAnalysis:            {"ANALYSIS AND FINDINGS", "KEY ISSUES"},
	corpus.SectionLearning:            {"LEARNING AND RECOMMENDATIONS", "ACTION PLAN"},
}

var questionHeadings = map[corpus.SectionKind][]string{
	corpus.SectionSummary:             {"Why was this review undertaken?", "How was the review carried out?"},
	corpus.SectionBackground:          {"What happened?", "What was the background to the incident?"},
	corpus.SectionAssessment:          {"What assessments were in place?", "Was the risk assessment appropriate?"},
	corpus.SectionCaseManagementPlan:  {"Was the case management plan appropriate?", "Was the plan reviewed?"},
	corpus.SectionSupervision:         {"How was the order supervised?", "Was contact appropriate to the level of risk?"},
	corpus.SectionPrisonTransfer:      {"How was release from prison planned?", "Was throughcare effective?"},
	corpus.SectionMultiAgency:         {"How well did agencies work together?", "Was information shared between partners?"},
	corpus.SectionManagementOversight: {"Was there effective management oversight?", "Did workload or staffing affect practice?"},
	corpus.SectionAnalysis:            {"Was practice proportionate to the assessed risk?", "What are the key findings?"},
	corpus.SectionLearning:            {"What learning has been identified?", "What will the service do differently?"},
}
