"""MedRep core: settings and the application context shared by every layer."""
