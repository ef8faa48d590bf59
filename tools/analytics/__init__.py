"""Sales analytics: reports for any period and cut, charts, Excel export, new/lost accounts."""
