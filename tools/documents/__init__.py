"""Documents and compliance: compliance checks (rule engine + classifier), visit-report
drafts (.docx), expenditure reports (.xlsx) and briefing plans (draft_*, compliance_*)."""
