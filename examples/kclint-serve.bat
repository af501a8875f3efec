@echo off
rem kclint review desk: put this file next to the .venv folder, then double-click it (or a shortcut to it).
call "%~dp0.venv\Scripts\activate.bat"
kclint serve --open
