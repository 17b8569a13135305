// Forecasting, Erlang staffing and schedules arrive with the WFM issue; this package holds their place
// in the workspace so the dependency arrows of DESIGN §2 are fixed from the start.
export const WFM_PACKAGE = '@agner/wfm'
