"""Pieces shared by every capability: result types, tool plumbing, Korean periods."""
