"""Localisation: message catalogs, their extraction from DOCX templates and data, translations.

- :mod:`unsubmit.i18n.extract`: Babel extractors for DOCX templates and data-file labels;
- :mod:`unsubmit.i18n.catalogs`: the translator's workflow (extract, init, update, compile,
  stats) over the catalogs in ``unsubmit/locale``;
- :mod:`unsubmit.i18n.translations`: the compiled catalog of one locale, noting every text it
  has no translation for, so that no document shows English without saying so;
- :mod:`unsubmit.i18n.missing`: what was noted, as warnings on the case's file.
"""
