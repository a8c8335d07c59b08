"""Building the installers: PyInstaller pruning, the .deb, the Windows installer."""
