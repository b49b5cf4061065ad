// Package qdpx reads and writes REFI-QDA projects (QDA-XML 1.0, the
// .qdpx exchange archive NVivo, ATLAS.ti, MAXQDA and QualCoder import and
// export): a zip holding project.qde and the sources' plain texts.
package qdpx

import "encoding/xml"

// Namespace is QDA-XML 1.0's.
const Namespace = "urn:QDA-XML:project:1.0"

// The XML elements used, in the schema's order of children.

type xProject struct {
	XMLName          xml.Name    `xml:"urn:QDA-XML:project:1.0 Project"`
	Name             string      `xml:"name,attr"`
	Origin           string      `xml:"origin,attr,omitempty"`
	CreatingUserGUID string      `xml:"creatingUserGUID,attr,omitempty"`
	CreationDateTime string      `xml:"creationDateTime,attr,omitempty"`
	Users            *xUsers     `xml:"Users"`
	CodeBook         *xCodeBook  `xml:"CodeBook"`
	Variables        *xVariables `xml:"Variables"`
	Cases            *xCases     `xml:"Cases"`
	Sources          *xSources   `xml:"Sources"`
	Description      string      `xml:"Description,omitempty"`
}

type xUsers struct {
	User []xUser `xml:"User"`
}

type xUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr,omitempty"`
	ID   string `xml:"id,attr,omitempty"`
}

type xCodeBook struct {
	Codes xCodes `xml:"Codes"`
}

type xCodes struct {
	Code []xCode `xml:"Code"`
}

type xCode struct {
	GUID        string  `xml:"guid,attr"`
	Name        string  `xml:"name,attr"`
	IsCodable   bool    `xml:"isCodable,attr"`
	Color       string  `xml:"color,attr,omitempty"`
	Description string  `xml:"Description,omitempty"`
	Code        []xCode `xml:"Code"`
}

type xVariables struct {
	Variable []xVariable `xml:"Variable"`
}

type xVariable struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
	Type string `xml:"typeOfVariable,attr"`
}

type xCases struct {
	Case []xCase `xml:"Case"`
}

type xCase struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr,omitempty"`
	Description string `xml:"Description,omitempty"`
	SourceRef   []xRef `xml:"SourceRef"`
}

type xRef struct {
	Target string `xml:"targetGUID,attr"`
}

type xSources struct {
	TextSource []xTextSource `xml:"TextSource"`
}

type xTextSource struct {
	GUID             string           `xml:"guid,attr"`
	Name             string           `xml:"name,attr,omitempty"`
	PlainTextPath    string           `xml:"plainTextPath,attr,omitempty"`
	CreationDateTime string           `xml:"creationDateTime,attr,omitempty"`
	Description      string           `xml:"Description,omitempty"`
	PlainTextContent *string          `xml:"PlainTextContent"`
	Selection        []xSelection     `xml:"PlainTextSelection"`
	VariableValue    []xVariableValue `xml:"VariableValue"`
}

type xSelection struct {
	GUID             string    `xml:"guid,attr"`
	Name             string    `xml:"name,attr,omitempty"`
	Start            int       `xml:"startPosition,attr"`
	End              int       `xml:"endPosition,attr"`
	CreatingUser     string    `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string    `xml:"creationDateTime,attr,omitempty"`
	Description      string    `xml:"Description,omitempty"`
	Coding           []xCoding `xml:"Coding"`
}

type xCoding struct {
	GUID             string `xml:"guid,attr"`
	CreatingUser     string `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string `xml:"creationDateTime,attr,omitempty"`
	CodeRef          xRef   `xml:"CodeRef"`
}

type xVariableValue struct {
	VariableRef  xRef    `xml:"VariableRef"`
	TextValue    *string `xml:"TextValue"`
	IntegerValue *int    `xml:"IntegerValue"`
}
