"""The behandeling pages, one module per page (the case page's acts beside it)."""

from portal.rollen import Rol

BEHANDELAARS = (Rol.BEHANDELAAR, Rol.TEAMLEIDER)
