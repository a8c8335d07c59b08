"""What the program needs of the machine it runs on, whatever it checks: where its files go
(`paths`), writing a file so that it is whole or not there (`fileio`), the log (`logs`), no network
(`nonet`), and the diagnostics a clerk sends for support (`diagnostics`). Nothing here knows of
annual reports; everything else in core may use it.
"""
