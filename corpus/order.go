package corpus

// Order ids: the community order or prison licence the person was under.
const (
	OrderCPO       = "community_payback_order"
	OrderDTTO      = "drug_treatment_testing_order"
	OrderParole    = "parole_licence"
	OrderNonParole = "non_parole_licence"
	OrderSRO       = "supervised_release_order"
	OrderExtended  = "extended_sentence"
	OrderOLR       = "order_for_lifelong_restriction"
	OrderOther     = "other"
)

// Orders lists the order ids.
func Orders() []string {
	return []string{OrderCPO, OrderDTTO, OrderParole, OrderNonParole, OrderSRO, OrderExtended, OrderOLR, OrderOther}
}
