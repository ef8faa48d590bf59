"""The embedded offline router: intent classifier + slot filler behind a LangChain chat model."""
